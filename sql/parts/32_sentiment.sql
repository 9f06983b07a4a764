
-- Sentiment of a message (src/sentiment.c, doc/sentiment.md): lexicon-based,
-- VADER method with SMS fixes; the lexicon is compiled into the library.
CREATE FUNCTION @extschema@.sentiment_score(body text) RETURNS float8
AS 'MODULE_PATHNAME', 'smskpi_sentiment_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sentiment_score(text) IS
'compound sentiment of a message in [-1, 1] (VADER-style lexicon score with SMS rules: negation, boosters, CAPS, !/?, but, idioms, emoticons, emoji); 0 = neutral';

CREATE FUNCTION @extschema@.sentiment_label(body text) RETURNS text
AS 'MODULE_PATHNAME', 'smskpi_sentiment_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sentiment_label(text) IS
'''positive'' if sentiment_score >= 0.05, ''negative'' if <= -0.05, else ''neutral'' (VADER''s thresholds)';
