
-- ---------------------------------------------------------------------------
-- Reply intent (src/intent.c, doc/intent.md)
-- ---------------------------------------------------------------------------

-- smskpi.reply_intent(body): 'opt_out', 'opt_in', 'help', 'yes', 'no',
-- 'question' or 'other' -- the first that applies, in that order.
CREATE FUNCTION @extschema@.reply_intent(body text) RETURNS text
AS 'MODULE_PATHNAME', 'smskpi_reply_intent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reply_intent(text) IS
'intent of an SMS reply: opt_out, opt_in, help, yes, no, question or other (first match in that order; see doc/intent.md)';

-- smskpi.is_opt_out(body): reply_intent(body) = 'opt_out', without building the text.
CREATE FUNCTION @extschema@.is_opt_out(body text) RETURNS boolean
AS 'MODULE_PATHNAME', 'smskpi_is_opt_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_opt_out(text) IS
'true when the SMS reply asks to stop messages (carrier keyword STOP, UNSUBSCRIBE... or a plain-language request); same as reply_intent(body) = ''opt_out''';
