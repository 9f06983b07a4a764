-- reply_intent(text) / is_opt_out(text): carrier keywords, natural-language
-- opt-outs, tricky non-opt-outs, every label, NULL/empty/huge/invalid input,
-- and the three kinds of server encoding.  Expected labels are written by
-- hand below (see doc/intent.md for the rules); the queries print only the
-- cases where the function disagrees, so an empty result is a pass.
--
-- Runs in databases it creates with a known encoding (the cluster default
-- may be anything): UTF8, SQL_ASCII, LATIN1.
SELECT current_database() AS orig_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS smskpi_intent_utf8;
DROP DATABASE IF EXISTS smskpi_intent_ascii;
DROP DATABASE IF EXISTS smskpi_intent_latin1;
RESET client_min_messages;
CREATE DATABASE smskpi_intent_utf8 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE DATABASE smskpi_intent_ascii TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE DATABASE smskpi_intent_latin1 TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C';

\c smskpi_intent_utf8
SET client_encoding = 'UTF8';
CREATE EXTENSION smskpi;

CREATE TEMP TABLE cases (body text, expected text);
-- Carrier keywords: the whole message, any case, trimmed of spaces and punctuation.
INSERT INTO cases VALUES
  ('STOP', 'opt_out'), ('stop', 'opt_out'), ('Stop', 'opt_out'), ('sToP', 'opt_out'),
  ('Stop.', 'opt_out'), (' STOP ', 'opt_out'), ('stop!!', 'opt_out'), ('"STOP"', 'opt_out'),
  (E'\tSTOP\r\n', 'opt_out'), ('...stop...', 'opt_out'), ('“Stop”', 'opt_out'), ('Stop…', 'opt_out'),
  ('¡STOP!', 'opt_out'), ('STOP?', 'opt_out'), ('(stop)', 'opt_out'), ('STOP 🛑', 'opt_out'),
  ('STOPALL', 'opt_out'), ('stop all', 'opt_out'), ('UNSUBSCRIBE', 'opt_out'), ('Unsubscribe.', 'opt_out'),
  ('CANCEL', 'opt_out'), ('cancel!', 'opt_out'), ('END', 'opt_out'), ('End.', 'opt_out'),
  ('QUIT', 'opt_out'), ('quit', 'opt_out'), ('REVOKE', 'opt_out'), ('OPTOUT', 'opt_out'),
  ('opt-out', 'opt_out'), ('Opt out', 'opt_out'), ('ＳＴＯＰ', 'opt_out'), ('STOP STOP STOP', 'opt_out'),
  ('stop please', 'opt_out'), ('please stop', 'opt_out'), ('pls stop', 'opt_out'), ('Stop now!', 'opt_out'),
  ('stooop', 'opt_out'), ('STOPPP', 'opt_out'), ('stp', 'opt_out'), ('Stop it', 'opt_out'),
  ('START', 'opt_in'), ('start', 'opt_in'), ('Start.', 'opt_in'), ('UNSTOP', 'opt_in'),
  ('unstop!', 'opt_in'), ('Subscribe', 'opt_in'), ('yes start', 'opt_in'), ('opt in', 'opt_in'),
  ('HELP', 'help'), ('help', 'help'), ('Help?', 'help'), ('help!', 'help'),
  ('INFO', 'help'), ('info.', 'help'), ('help me', 'help'), ('more info', 'help'),
  ('YES', 'yes'), ('yes', 'yes'), ('Yes!', 'yes'), ('NO', 'no'), ('no.', 'no');
-- Natural-language opt-outs (FCC 2025: revocation "by any reasonable means").
INSERT INTO cases VALUES
  ('please stop texting me', 'opt_out'), ('Stop texting me!!!', 'opt_out'),
  ('stop textin me', 'opt_out'), ('Stop txting me', 'opt_out'),
  ('stop sending me these', 'opt_out'), ('could you please stop messaging me', 'opt_out'),
  ('take me off your list', 'opt_out'), ('Take me off this list please', 'opt_out'),
  ('get me off your mailing list', 'opt_out'), ('remove me', 'opt_out'),
  ('Remove my number from your list', 'opt_out'), ('unsubscribe me', 'opt_out'),
  ('I already unsubscribed', 'opt_out'), ('unsubcribe', 'opt_out'),
  ('don''t text me again', 'opt_out'), ('don’t text me again', 'opt_out'),
  ('dont text me', 'opt_out'), ('Do not contact me', 'opt_out'),
  ('never text me again', 'opt_out'), ('wrong number, stop', 'opt_out'),
  ('Wrong number', 'opt_out'), ('wrong #', 'opt_out'),
  ('lose my number', 'opt_out'), ('delete this number', 'opt_out'),
  ('leave me alone', 'opt_out'), ('no more texts please', 'opt_out'),
  ('I no longer wish to receive these messages', 'opt_out'),
  ('I don’t want any more texts', 'opt_out'),
  ('Who is this? STOP', 'opt_out'), ('not interested, stop', 'opt_out'),
  ('Not interested STOP', 'opt_out'), ('how do I opt out?', 'opt_out'),
  ('f*** off', 'opt_out'), ('go away', 'opt_out'), ('I revoke consent', 'opt_out'),
  ('cancel my subscription', 'opt_out'), ('quit texting me', 'opt_out'),
  ('ok stop', 'opt_out'), ('No. Stop.', 'opt_out'), ('stop 👎', 'opt_out');
-- Things that must not be opt-outs.
INSERT INTO cases VALUES
  ('stop by the store tomorrow?', 'question'), ('can''t stop smiling', 'other'),
  ('can’t stop smiling', 'other'), ('don''t stop', 'other'),
  ('what time do you end?', 'question'), ('cancel my appointment', 'other'),
  ('Can I cancel my appointment?', 'question'), ('end of month works', 'yes'),
  ('I''ll stop by later', 'other'), ('the bus stop is closed', 'other'),
  ('Stop and Shop has it cheaper', 'other'), ('when does the sale end', 'question'),
  ('please don''t stop sending deals', 'other'), ('I will stop texting you', 'other'),
  ('did you stop texting me?', 'question'), ('Don''t text and drive', 'other'),
  ('don''t text me before 9am', 'other'), ('remove the pepperoni please', 'other'),
  ('cancel it', 'other'), ('end it', 'other'), ('stopped by yesterday', 'other'),
  ('the end', 'other'), ('I quit smoking', 'other'), ('no, I''m not unsubscribing', 'no');
-- Yes / no / question / other.
INSERT INTO cases VALUES
  ('yep', 'yes'), ('yeah', 'yes'), ('Sure', 'yes'), ('sounds good', 'yes'), ('OK', 'yes'),
  ('k', 'yes'), ('👍', 'yes'), ('👍🏽', 'yes'), ('definitely', 'yes'), ('count me in', 'yes'),
  ('I''m interested', 'yes'), ('I’m interested', 'yes'), ('yessss', 'yes'), ('Sí', 'yes'),
  ('no problem', 'yes'), ('Yes, what time?', 'yes'), ('y', 'yes'),
  ('nope', 'no'), ('not interested', 'no'), ('no thanks', 'no'), ('not now', 'no'),
  ('👎', 'no'), ('nah I''m good', 'no'), ('absolutely not', 'no'), ('n', 'no'),
  ('I''m not interested', 'no'), ('No, who is this?', 'no'),
  ('who is this', 'question'), ('what is this?', 'question'), ('can you call me', 'question'),
  ('is it still available', 'question'), ('???', 'question'), ('¿Qué?', 'question'),
  ('ok?', 'question'), ('y?', 'question'), ('how much', 'question'),
  ('thanks', 'other'), ('hello', 'other'), ('lol', 'other'), ('😂', 'other'),
  ('I''m in the car', 'other'), ('0', 'other'), ('!!!', 'other'), ('never mind', 'other');
-- Empty and blank messages.
INSERT INTO cases VALUES
  ('', 'other'), (' ', 'other'), (E'\t\n\r ', 'other'), ('   ...   ', 'other'), (' ', 'other');

SELECT count(*) AS cases FROM cases;
-- Disagreements (none expected):
SELECT body, expected, smskpi.reply_intent(body) AS got
FROM cases WHERE smskpi.reply_intent(body) IS DISTINCT FROM expected;
-- is_opt_out agrees with reply_intent everywhere (none expected):
SELECT body FROM cases
WHERE smskpi.is_opt_out(body) IS DISTINCT FROM (smskpi.reply_intent(body) = 'opt_out');

-- NULL in, NULL out (STRICT).
SELECT smskpi.reply_intent(NULL) IS NULL AS intent_null, smskpi.is_opt_out(NULL) IS NULL AS opt_out_null;

-- 10 MB messages: only the first 2 kB after leading blanks are tokenised; a
-- keyword surrounded by any amount of blank is still the whole message.
SELECT smskpi.reply_intent(repeat('a', 10485760)) AS a_10mb,
       smskpi.reply_intent('STOP' || repeat(' ', 10485760)) AS stop_then_blank,
       smskpi.reply_intent(repeat(' ', 10485760) || 'stop!') AS blank_then_stop,
       smskpi.reply_intent(repeat('! ', 5242880) || 'start') AS punct_then_start,
       smskpi.reply_intent('stop texting me ' || repeat('x', 10485760)) AS phrase_then_x,
       smskpi.reply_intent('STOP ' || repeat('x', 10485760)) AS stop_then_x,
       smskpi.reply_intent(repeat('x ', 5242880) || 'stop') AS x_then_stop,
       smskpi.reply_intent(repeat('la ', 3495253) || 'what?') AS ends_with_q,
       smskpi.reply_intent(repeat('👍', 2621440)) AS thumbs_10mb,
       smskpi.reply_intent(repeat('é', 5242880)) AS latin_10mb;

-- SQL_ASCII: bytes taken as UTF-8, invalid ones as U+FFFD (a separator).
-- (A UTF8 database cannot hold invalid UTF-8: convert_from() checks.)
\c smskpi_intent_ascii
SET client_encoding = 'SQL_ASCII';
CREATE EXTENSION smskpi;
SELECT smskpi.reply_intent('don’t text me again') AS curly_utf8_bytes,
       smskpi.reply_intent(E'STOP\xff') AS stop_ff,
       smskpi.reply_intent(E'stop\x80texting me') AS stop_80_texting,
       smskpi.reply_intent(E'\xe9\xe9\xe9') AS latin1_bytes,
       smskpi.reply_intent('👍🏽') AS thumbs_up,
       smskpi.is_opt_out(E'\xc3') AS lone_lead_byte;
SELECT smskpi.reply_intent(E'\xf0\x9f\x91') AS truncated_emoji,
       smskpi.reply_intent(E'yes\xed\xa0\x80') AS yes_surrogate,
       smskpi.reply_intent(E'\xc0\xafstop\xc0\xaf') AS overlong_stop,
       smskpi.reply_intent(E'help\xf4\x90\x80\x80') AS help_above_max,
       smskpi.reply_intent(E'st\xffop') AS st_ff_op,
       smskpi.reply_intent(E'\x80\x80\x80?') AS cont_bytes_q,
       smskpi.reply_intent(E'stop ' || repeat(E'\xff', 3000)) AS stop_then_ff;

-- LATIN1: the text is converted to UTF-8 first.
\c smskpi_intent_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION smskpi;
SELECT smskpi.reply_intent('STOP') AS stop, smskpi.reply_intent('Sí') AS si,
       smskpi.reply_intent('¿Qué?') AS que, smskpi.reply_intent('¡Alto!') AS alto,
       smskpi.reply_intent('Ça va? non merci') AS ca_va;

\c :orig_db
DROP DATABASE smskpi_intent_utf8;
DROP DATABASE smskpi_intent_ascii;
DROP DATABASE smskpi_intent_latin1;
