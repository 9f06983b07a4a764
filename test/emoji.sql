-- smskpi.emoji_count / has_emoji: one emoji per grapheme cluster shown as an
-- emoji.  Each "want" is by hand from the rules in doc/segments_emoji.md.
SET client_encoding = 'UTF8';
\pset null '(null)'

SELECT smskpi.emoji_count(NULL) AS c, smskpi.has_emoji(NULL) AS h;

CREATE TEMP TABLE cases (n int, label text, body text, want int);
INSERT INTO cases VALUES
 (1,  'empty',                    '',                           0),
 (2,  'whitespace',               E' \t\n',                     0),
 (3,  'plain text',               'See you at 10 #1 *',         0),
 (4,  'thumbs up',                '👍',                         1),
 (5,  'thumbs up + skin tone',    '👍🏽',                         1),
 (6,  'family ZWJ sequence',      '👨‍👩‍👧',                         1),
 (7,  'flag US',                  '🇺🇸',                          1),
 (8,  'keycap 1 FE0F 20E3',       '1' || U&'\FE0F\20E3',        1),
 (9,  'keycap 1 20E3 (no VS16)',  '1' || U&'\20E3',             1),
 (10, 'keycap #',                 '#' || U&'\FE0F\20E3',        1),
 (11, 'heart + VS16',             U&'\2764\FE0F',               1),
 (12, 'bare heart (text default)', U&'\2764',                   0),
 (13, 'copyright, trade mark',    '© ™ ®',                      0),
 (14, 'copyright + VS16',         U&'\00A9\FE0F',               1),
 (15, 'bare smiling face 263A',   U&'\263A',                    0),
 (16, 'watch (emoji default)',    U&'\231A',                    1),
 (17, 'watch + VS15 (text)',      U&'\231A\FE0E',               0),
 (18, 'lone regional indicator',  U&'\+01F1FA',                 0),
 (19, 'flag + lone RI',           U&'\+01F1FA\+01F1F8\+01F1EB', 1),
 (20, 'two flags',                '🇺🇸🇫🇷',                         2),
 (21, 'skin tone alone',          U&'\+01F3FD',                 1),
 (22, 'mixed text',               'a👍b👍🏽c❤️d',                  3),
 (23, 'two thumbs',               '👍👍',                       2),
 (24, 'rainbow flag',             U&'\+01F3F3\FE0F\200D\+01F308', 1),
 (25, 'Scotland tag sequence',    U&'\+01F3F4\+0E0067\+0E0062\+0E0073\+0E0063\+0E0074\+0E007F', 1),
 (26, 'index up 261D + tone',     U&'\261D\+01F3FD',            1),
 (27, 'kiss ZWJ sequence',        '👩‍❤️‍💋‍👨',                        1),
 (28, 'ZWJ between letters',      'a' || U&'\200D' || 'b',      0),
 (29, 'accented letter',          'e' || U&'\0301',             0),
 (30, 'CJK and Hangul',           '中文 한국어',                 0);

SELECT n, label, smskpi.emoji_count(body) AS got, want,
       smskpi.has_emoji(body) AS has, want > 0 AS want_has
FROM cases ORDER BY n;

SELECT count(*) AS mismatches FROM cases
WHERE smskpi.emoji_count(body) <> want OR smskpi.has_emoji(body) <> (want > 0);

-- huge: 10 MiB of ASCII then one emoji; a million toned thumbs
SELECT smskpi.emoji_count(repeat('a', 10485760) || '😀') AS got, 1 AS want;
SELECT smskpi.has_emoji(repeat('a', 10485760)) AS got, false AS want;
SELECT smskpi.emoji_count(repeat('👍🏽', 1000000)) AS got, 1000000 AS want;
