-- smskpi.sentiment_score / sentiment_label (src/sentiment.c, doc/sentiment.md).
-- Expected raw sums are derived by hand from the published VADER valences
-- (../shared/data/sentiment/vader_lexicon.txt: good 1.9, bad -2.5, love 3.2, great 3.1,
-- happy 2.7, terrible -2.1, fun 2.3, lol 1.8 (last duplicate), :) 2.0), smskpi's own tables
-- (test/gen/gen_sentiment_lexicon.py) and the rules of doc/sentiment.md;
-- compound(x) = x / sqrt(x^2 + 15), x = (sum of the valences) / sqrt(n), n = the
-- number of tokens that carry a non-zero valence, at least 1 (a negator, a booster or
-- an idiom's inner word carries none).  UTF-8 only (emoji): other encodings skip.
SELECT getdatabaseencoding() <> 'UTF8' AS skip_test \gset
\if :skip_test
\echo skipped: database encoding is not UTF8
\quit
\endif
SET extra_float_digits = 0;
CREATE FUNCTION pg_temp.compound(x float8) RETURNS float8
LANGUAGE sql IMMUTABLE RETURN x / sqrt(x * x + 15);

-- 1. exact values: score = compound(hand-derived raw sum)
SELECT body, raw, round(smskpi.sentiment_score(body)::numeric, 4) AS score,
       abs(smskpi.sentiment_score(body) - pg_temp.compound(raw)) < 1e-6 AS ok, why
FROM (VALUES
  ('good', 1.9, 'lexicon'),
  ('not good', 1.9 * -0.74, 'negation x -0.74'),
  ('very good', 1.9 + 0.293, 'booster +0.293'),
  ('VERY good!!!', 1.9 + 0.293 + 0.733 + 3 * 0.292, 'CAPS booster +0.733, 3 x 0.292 for !!!'),
  ('good!!!!!!', 1.9 + 4 * 0.292, '! capped at 4'),
  ('GOOD', 1.9, 'an all-caps message gets no CAPS emphasis'),
  ('I LOVE it', 3.2 + 0.733, 'CAPS word in a mixed message'),
  ('I LOVE IT', 3.2, 'all caps: no emphasis'),
  ('I love it', 3.2, '"I" is not a caps word'),
  ('I don''t like it', 1.5 * -0.74, 'negated "like"'),
  ('I don’t like it', 1.5 * -0.74, 'curly apostrophe'),
  ('I dont like it', 1.5 * -0.74, 'no apostrophe'),
  ('kind of good', 1.9 - 0.293, '"kind of" dampener at any position'),
  ('pretty good', 1.9 + 0.293, '"pretty" before a sentiment word is a booster'),
  ('never so good', (1.9 + 0.293) * 1.25, 'never so: x1.25'),
  ('least good', 1.9 * -0.74, 'least negates'),
  ('not bad', -2.5 * -0.3, 'negated negative word: x -0.3 (litotes: mildly positive)'),
  ('not terrible', -2.1 * -0.3, 'negated negative word'),
  ('never bad', -2.5 * -0.3, 'negated negative word'),
  ('good good', (1.9 + 1.9) / sqrt(2.0), 'two sentiment tokens: sum / sqrt(2.0)'),
  ('good but bad', (1.9 * 0.5 - 2.5 * 1.5) / sqrt(2.0), 'but: before x0.5, after x1.5; 2 tokens'),
  ('bad but good', (-2.5 * 0.5 + 1.9 * 1.5) / sqrt(2.0), 'but'),
  ('Bad. But good', (-2.5 * 0.5 + 1.9 * 1.5) / sqrt(2.0), 'But starting a sentence halves the previous one'),
  ('The food was good but the service was terrible', (1.9 * 0.5 - 2.1 * 1.5) / sqrt(2.0), 'but'),
  ('No problem', 1.5, 'idiom'),
  ('no problem!', 1.5 + 0.292, 'idiom + !'),
  ('no worries', 1.5, 'idiom'),
  ('No.', -1.2, '"no" alone keeps its valence, also with a period'),
  ('no good', 1.9 * -0.74, '"no" before a sentiment word negates it'),
  ('No, not happy', (-1.2 + 2.7 * -0.74) / sqrt(2.0), 'comma: "no" stands alone; 2 tokens'),
  ('no thanks', -0.8, 'idiom: polite decline'),
  ('yeah right', -1.5, 'idiom at position 0 (VADER: only at >= 3)'),
  ('can''t wait', 2.0, 'idiom'),
  ('can’t wait', 2.0, 'idiom, curly apostrophe'),
  ('I like it', 1.5, '"like" after a subject'),
  ('like I said, call me', 0, '"like" not a verb of liking'),
  ('looks like rain', 0, '"like" preposition'),
  ('thx', 1.5, 'SMS'),
  ('ty', 1.6, 'SMS'),
  ('np', 1.4, 'SMS'),
  ('k', 0, 'SMS: neutral acknowledgement'),
  ('lol', 1.8, 'last duplicate wins'),
  ('Call me back pls', 0, 'politeness is not sentiment'),
  ('sorry', -0.5, 'mild'),
  ('STOP', 0, 'opt-out keyword'),
  ('stop', 0, 'opt-out keyword'),
  ('Stop.', 0, 'opt-out keyword'),
  ('Unsubscribe', 0, 'opt-out keyword'),
  ('unsubscribe me', -0.4, 'mildly negative in a sentence'),
  ('STOP texting me', -1.2, 'stop is negative in a sentence; STOP is conventionally in caps'),
  ('Reply STOP to opt out', 0, 'opt-out instructions'),
  ('what???', -3 * 0.18, '??? without sentiment: confusion'),
  ('what', 0, 'no sentiment'),
  ('good?', 1.9 * 0.5, 'positive word in a question halved'),
  ('good??', 1.9 * 0.5 + 2 * 0.18, 'question, ?? emphasis'),
  ('if it is good', 1.9 * 0.5, 'irrealis'),
  ('Although it was bad, it was fun', (-2.5 * 0.5 + 2.3) / sqrt(2.0), 'concession: its clause x0.5, up to the comma'),
  ('despite the terrible food, fun night', (-2.1 * 0.5 + 2.3) / sqrt(2.0), 'concession: despite'),
  ('tho it was fun', 2.3 * 0.5, 'concession: SMS spelling'),
  ('it was fun though', 2.3, 'though at the end: nothing after it'),
  ('good…', 1.9, 'Unicode ellipsis does not stick to the word'),
  ('“good”', 1.9, 'curly quotes do not stick to the word'),
  ('good...', 1.9, 'ASCII ellipsis'),
  ('goooood', 1.9 + 0.293, 'elongation: emphasis'),
  ('sooo good', 1.9 + 0.293, 'elongated booster'),
  ('hahahahaha', 2.6, 'long laughter = hahaha'),
  (':)', 2.0, 'emoticon'),
  ('thanks:)', (1.9 + 2.0) / sqrt(2.0), 'emoticon glued to a word'),
  ('&lt;3', 1.9, 'HTML-escaped <3 (lexicon 1.9)'),
  ('👍', 1.8, 'emoji'),
  ('👍🏽', 1.8, 'skin tone'),
  ('❤', 2.8, 'heart'),
  ('❤️', 2.8, 'heart + VS16'),
  ('😡😡😡', -3 * 2.8 / sqrt(3.0), 'repeated emoji: 3 tokens, sum / sqrt(3.0)'),
  ('great👍', (3.1 + 1.8) / sqrt(2.0), 'emoji glued to a word'),
  ('🤦‍♀️', -1.2, 'ZWJ sequence: first component'),
  ('❤️‍🔥', 2.5, 'ZWJ sequence with its own entry'),
  ('👨‍👩‍👧', 0, 'family: neutral'),
  ('🔥', 1.0, 'mildly positive in SMS'),
  ('@happy see you', 0, '@mention skipped'),
  ('http://great.example/love', 0, 'URL skipped')
) AS v(body, raw, why);

-- 2. signs and orderings
SELECT check_name, ok FROM (VALUES
  ('not good < 0 < good < very good < VERY good!!!',
   smskpi.sentiment_score('not good') < 0 AND 0 < smskpi.sentiment_score('good')
   AND smskpi.sentiment_score('good') < smskpi.sentiment_score('very good')
   AND smskpi.sentiment_score('very good') < smskpi.sentiment_score('VERY good!!!')),
  ('curly = straight apostrophe',
   smskpi.sentiment_score('I don’t like it') = smskpi.sentiment_score('I don''t like it')),
  ('❤️ = ❤ > 0', smskpi.sentiment_score('❤️') = smskpi.sentiment_score('❤')
                 AND smskpi.sentiment_score('❤') > 0),
  ('STOP = 0', smskpi.sentiment_score('STOP') = 0),
  ('No problem > 0', smskpi.sentiment_score('No problem') > 0),
  ('positive emoji', (SELECT bool_and(smskpi.sentiment_score(e) > 0)
                      FROM unnest(ARRAY['👍','🙏','❤️','😍','😊','😂','🎉','💯','🔥']) e)),
  ('negative emoji', (SELECT bool_and(smskpi.sentiment_score(e) < 0)
                      FROM unnest(ARRAY['👎','😡','😠','💔','😒','😞','😢']) e)),
  ('🔥 milder than 😍', smskpi.sentiment_score('🔥') < smskpi.sentiment_score('😍')),
  ('skin tones equal', (SELECT count(DISTINCT smskpi.sentiment_score(e)) = 1
                        FROM unnest(ARRAY['👍','👍🏻','👍🏼','👍🏽','👍🏾','👍🏿']) e)),
  ('sorry mild: bad < sorry < 0', smskpi.sentiment_score('bad') < smskpi.sentiment_score('sorry')
                                   AND smskpi.sentiment_score('sorry') < 0),
  ('unsubscribe between -0.15 and 0', smskpi.sentiment_score('please unsubscribe me') BETWEEN -0.15 AND 0),
  ('sarcasm-free: I like it > like I said', smskpi.sentiment_score('I like it') > smskpi.sentiment_score('like I said')),
  ('more ! more positive', smskpi.sentiment_score('thanks') < smskpi.sentiment_score('thanks!')
                           AND smskpi.sentiment_score('thanks!') < smskpi.sentiment_score('thanks!!!')),
  ('more ! more negative', smskpi.sentiment_score('bad!!!') < smskpi.sentiment_score('bad')),
  ('Unicode punctuation = ASCII', smskpi.sentiment_score('«good»!') = smskpi.sentiment_score('"good"!')),
  ('fullwidth ！ counts', smskpi.sentiment_score('good！') = smskpi.sentiment_score('good!')),
  ('NBSP is a space', smskpi.sentiment_score(E'not\u00A0good') = smskpi.sentiment_score('not good')),
  ('new line ends a sentence', smskpi.sentiment_score(E'no\ngood') > 0),
  ('not bad: mildly positive, below good', smskpi.sentiment_score('not bad') > 0
                           AND smskpi.sentiment_score('not bad') < smskpi.sentiment_score('good')),
  ('more of the same: stronger, not n times', smskpi.sentiment_score('good good good') > smskpi.sentiment_score('good')
                           AND smskpi.sentiment_score('good good good') < pg_temp.compound(3 * 1.9))
) AS c(check_name, ok);

-- 3. labels: VADER's thresholds 0.05 / -0.05
SELECT body, smskpi.sentiment_label(body) AS label
FROM (VALUES ('Thanks so much!'), ('this is the worst service ever'), ('Who is this?'),
             ('STOP'), ('👍'), ('😡'), (''), ('k')) v(body);
SELECT count(*) AS label_mismatches
FROM (VALUES ('good'), ('bad'), ('ok'), ('sorry'), ('what???'), ('meh'), ('no'), ('the'),
             ('unsubscribe me'), ('pls'), (':)'), ('😅'), ('🥲'), ('😏')) v(body)
WHERE smskpi.sentiment_label(body) IS DISTINCT FROM
      CASE WHEN smskpi.sentiment_score(body) >= 0.05 THEN 'positive'
           WHEN smskpi.sentiment_score(body) <= -0.05 THEN 'negative' ELSE 'neutral' END;

-- 4. NULL, empty, white space, punctuation only
SELECT smskpi.sentiment_score(NULL) IS NULL AS null_score,
       smskpi.sentiment_label(NULL) IS NULL AS null_label,
       smskpi.sentiment_score('') AS empty,
       smskpi.sentiment_score(E' \t\n\r ') AS blanks,
       smskpi.sentiment_score('!!!???...') AS punctuation_only,
       smskpi.sentiment_label('') AS empty_label;

-- 5. huge: 10 MB texts complete and stay in range
SELECT smskpi.sentiment_score(repeat('good ', 2000000)) BETWEEN 0.99 AND 1 AS huge_positive,
       smskpi.sentiment_score(repeat('terrible! ', 1000000)) BETWEEN -1 AND -0.99 AS huge_negative,
       smskpi.sentiment_score(repeat('x', 10000000)) = 0 AS one_huge_token,
       smskpi.sentiment_score(repeat('👍🏽', 1000000)) BETWEEN 0.99 AND 1 AS huge_emoji,
       smskpi.sentiment_score(repeat('not ', 2500000)) = 0 AS huge_negators;

-- 6. always within [-1, 1] on generated text mixing every rule
SELECT count(*) AS n, count(*) FILTER (WHERE s NOT BETWEEN -1 AND 1 OR s IS NULL) AS out_of_range
FROM (SELECT smskpi.sentiment_score(string_agg(
        (ARRAY['good','bad','not','very','VERY','but','no','problem','!!!','???','kind','of',
               'like','I','said','😡','👍🏽','❤️','…','“','’','n''t',':)','STOP','least',
               'never','so','if','sooo','hahaha',',','.', E'\n'])[1 + (i * 7 + j * 13) % 33], ' ')) AS s
      FROM generate_series(1, 500) i, generate_series(1, 1 + i % 40) j GROUP BY i) x;

-- 7. declared properties
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p WHERE p.pronamespace = 'smskpi'::regnamespace
  AND p.proname IN ('sentiment_score', 'sentiment_label') ORDER BY 1;
