-- 30_segments_emoji.sql: SMS encoding / segments and emoji (src/segments.c,
-- src/emoji.c, src/unicode.c).  Text in any server encoding is read as UTF-8
-- (SQL_ASCII: bytes as UTF-8, invalid bytes = U+FFFD; others: converted).

CREATE FUNCTION @extschema@.sms_encoding(body text) RETURNS text
AS 'MODULE_PATHNAME', 'smskpi_sms_encoding'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sms_encoding(text) IS
'''GSM-7'' when every character is in the GSM 03.38 basic alphabet or extension table, else ''UCS-2''';

CREATE FUNCTION @extschema@.sms_segments(body text) RETURNS integer
AS 'MODULE_PATHNAME', 'smskpi_sms_segments'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sms_segments(text) IS
'SMS segments billed for the body: GSM-7 160 septets single / 153 per part, UCS-2 70 / 67 UTF-16 units; grapheme clusters never split; empty = 1';

CREATE FUNCTION @extschema@.sms_smart_encoding(body text) RETURNS text
AS 'MODULE_PATHNAME', 'smskpi_sms_smart_encoding'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sms_smart_encoding(text) IS
'sms_encoding() after Twilio-style Smart Encoding (curly quotes, dashes, odd spaces... replaced by GSM-7 look-alikes)';

CREATE FUNCTION @extschema@.sms_smart_segments(body text) RETURNS integer
AS 'MODULE_PATHNAME', 'smskpi_sms_smart_segments'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sms_smart_segments(text) IS
'sms_segments() after Twilio-style Smart Encoding';

CREATE FUNCTION @extschema@.sms_units(body text) RETURNS bigint
AS 'MODULE_PATHNAME', 'smskpi_sms_units'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sms_units(text) IS
'length of the body as sent: GSM-7 septets (extension characters count 2) or UCS-2 UTF-16 code units';

CREATE FUNCTION @extschema@.emoji_count(body text) RETURNS integer
AS 'MODULE_PATHNAME', 'smskpi_emoji_count_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.emoji_count(text) IS
'number of emoji as users see them: one per grapheme cluster shown as emoji (flags, ZWJ families, skin tones, keycaps count once)';

CREATE FUNCTION @extschema@.has_emoji(body text) RETURNS boolean
AS 'MODULE_PATHNAME', 'smskpi_has_emoji'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.has_emoji(text) IS
'true when the body contains at least one emoji (emoji_count(body) > 0)';
