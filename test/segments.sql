-- smskpi.sms_encoding / sms_segments / sms_smart_* / sms_units: edge cases.
-- Every "want" below was worked out by hand from the rules (GSM-7: 160
-- septets single / 153 per part, extension chars 2 septets; UCS-2: 70 / 67
-- UTF-16 units, non-BMP = 2; parts filled greedily with whole grapheme
-- clusters); the query prints got and want side by side.
SET client_encoding = 'UTF8';
\pset null '(null)'

-- NULL in, NULL out (STRICT)
SELECT smskpi.sms_encoding(NULL) AS e, smskpi.sms_segments(NULL) AS s,
       smskpi.sms_smart_encoding(NULL) AS se, smskpi.sms_smart_segments(NULL) AS ss,
       smskpi.sms_units(NULL) AS u;

CREATE TEMP TABLE cases (n int, label text, body text, enc text, seg int, units bigint,
                         smart_enc text, smart_seg int);
INSERT INTO cases VALUES
 (1,  'empty',                 '',                        'GSM-7', 1, 0,   'GSM-7', 1),
 (2,  'one space',             ' ',                       'GSM-7', 1, 1,   'GSM-7', 1),
 (3,  'tab is not GSM-7',      E'\t',                     'UCS-2', 1, 1,   'GSM-7', 1),
 (4,  '160 a',                 repeat('a', 160),          'GSM-7', 1, 160, 'GSM-7', 1),
 (5,  '161 a',                 repeat('a', 161),          'GSM-7', 2, 161, 'GSM-7', 2),
 (6,  '306 a = 2 x 153',       repeat('a', 306),          'GSM-7', 2, 306, 'GSM-7', 2),
 (7,  '307 a',                 repeat('a', 307),          'GSM-7', 3, 307, 'GSM-7', 3),
 (8,  '80 euro = 160 septets', repeat('€', 80),           'GSM-7', 1, 160, 'GSM-7', 1),
 (9,  '81 euro: 76 + 5',       repeat('€', 81),           'GSM-7', 2, 162, 'GSM-7', 2),
 (10, 'escape pair not split', repeat('a', 152) || '€' || repeat('a', 152),
                                                          'GSM-7', 3, 306, 'GSM-7', 3),
 (11, 'CR LF not split',       repeat('a', 152) || E'\r\n' || repeat('a', 152),
                                                          'GSM-7', 3, 306, 'GSM-7', 3),
 (12, 'LF alone: 153 + 152',   repeat('a', 152) || E'\n' || repeat('a', 152),
                                                          'GSM-7', 2, 305, 'GSM-7', 2),
 (13, 'extension table',       E'^{}\\[~]|€\f',           'GSM-7', 1, 20,  'GSM-7', 1),
 (14, 'GSM-7 accents, Greek',  'éèùìòÇØøÅåÆæßÉÄÖÑÜäöñüà¡¿£¥¤§ΔΦΓΛΩΠΨΣΘΞ@$_',
                                                          'GSM-7', 1, 42,  'GSM-7', 1),
 (15, 'lowercase c cedilla',   'ç',                       'UCS-2', 1, 1,   'UCS-2', 1),
 (16, 'grave accent',          '`',                       'UCS-2', 1, 1,   'GSM-7', 1),
 (17, 'greek small alpha',     'α',                       'UCS-2', 1, 1,   'UCS-2', 1),
 (18, '70 CJK',                repeat('中', 70),          'UCS-2', 1, 70,  'UCS-2', 1),
 (19, '71 CJK',                repeat('中', 71),          'UCS-2', 2, 71,  'UCS-2', 2),
 (20, '134 CJK = 2 x 67',      repeat('中', 134),         'UCS-2', 2, 134, 'UCS-2', 2),
 (21, '135 CJK',               repeat('中', 135),         'UCS-2', 3, 135, 'UCS-2', 3),
 (22, '35 emoji = 70 units',   repeat('😀', 35),          'UCS-2', 1, 70,  'UCS-2', 1),
 (23, '36 emoji: 33 + 3',      repeat('😀', 36),          'UCS-2', 2, 72,  'UCS-2', 2),
 (24, 'ZWJ family not split',  repeat('中', 65) || '👨‍👩‍👧' || repeat('中', 61),
                                                          'UCS-2', 3, 134, 'UCS-2', 3),
 (25, 'combining accent',      'e' || U&'\0301',          'UCS-2', 1, 2,   'UCS-2', 1),
 (26, 'curly quotes',          '“Hi” it’s',               'UCS-2', 1, 9,   'GSM-7', 1),
 (27, 'ellipsis = 3 septets',  repeat('…', 54),           'UCS-2', 1, 54,  'GSM-7', 2),
 (28, '161 right quotes',      repeat('’', 161),          'UCS-2', 3, 161, 'GSM-7', 2),
 (29, 'smart keeps emoji',     '“ok” 👍',                 'UCS-2', 1, 7,   'UCS-2', 1),
 (30, 'only a newline',        E'\n',                     'GSM-7', 1, 1,   'GSM-7', 1);

SELECT n, label,
       smskpi.sms_encoding(body) AS enc, enc AS want_enc,
       smskpi.sms_segments(body) AS seg, seg AS want_seg,
       smskpi.sms_units(body) AS units, units AS want_units,
       smskpi.sms_smart_encoding(body) AS smart_enc, smart_enc AS want_smart_enc,
       smskpi.sms_smart_segments(body) AS smart_seg, smart_seg AS want_smart_seg
FROM cases ORDER BY n;

SELECT count(*) AS mismatches FROM cases
WHERE (smskpi.sms_encoding(body), smskpi.sms_segments(body), smskpi.sms_units(body),
       smskpi.sms_smart_encoding(body), smskpi.sms_smart_segments(body))
      IS DISTINCT FROM (enc, seg, units, smart_enc, smart_seg);

-- huge: 10 MiB of GSM-7 (ceil(10485760 / 153) = 68535), 1M CJK (ceil(1e6 / 67) = 14926)
SELECT smskpi.sms_segments(repeat('a', 10485760)) AS seg_10mib, 68535 AS want;
SELECT smskpi.sms_units(repeat('a', 10485760)) AS units_10mib, 10485760 AS want;
SELECT smskpi.sms_encoding(repeat('a', 10485760) || 'ł') AS enc_tail, 'UCS-2' AS want;
SELECT smskpi.sms_segments(repeat('中', 1000000)) AS seg_cjk, 14926 AS want;

-- on a column, with a NULL row
SELECT body IS NULL AS is_null, smskpi.sms_segments(body) AS seg
FROM (VALUES ('hi'), (NULL)) v(body) ORDER BY 1;
