#!/bin/sh
# smskpi.message_log classifies inbound bodies as UTF-8 in any server encoding
# (smskpi_text_utf8): in a LATIN1 database the bodies are converted first, in a
# SQL_ASCII database the bytes are read as UTF-8 (invalid bytes never crash).
# Expected intents by hand from doc/intent.md: "Sí" is yes (Latin-1 letters fold
# to ASCII), "¡Alto!" an opt-out keyword, "¿Qué?" and "Ça va? non merci" questions;
# read as raw Latin-1 bytes (the old behaviour) "Sí" would not be a yes.  The
# sentiment stored in the log must equal smskpi.sentiment_score of the same body
# (rounded to float4, as stored).  Bodies repeat, so the classification memo is
# used; one body is longer than the memo's limit.
# Exit 0 = all match.  Runs inside a cluster (pg_virtualenv); scratch databases.
set -eu
cd "$(dirname "$0")/../.."
fail=0
mkdir -p build

# check DB ENCODING N: stdin has SQL returning rows "label|got|want"
check() {
	psql -qX -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $1" \
		-c "CREATE DATABASE $1 ENCODING '$2' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
	psql -qX -v ON_ERROR_STOP=1 -d "$1" -c 'CREATE EXTENSION smskpi'
	res=$(PGCLIENTENCODING=$4 psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -f -) || { echo "psql failed in $1"; fail=1; }
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1"
	echo "$res" | while IFS='|' read -r label got want; do
		if [ "$got" = "$want" ]; then echo "ok   $2: $label = $got"; else echo "FAIL $2: $label: got $got, want $want"; fi
	done > "build/campaign_encoding.$2.log"
	cat "build/campaign_encoding.$2.log"
	if grep -q '^FAIL' "build/campaign_encoding.$2.log"; then fail=1; fi
	[ "$(grep -c '^ok' "build/campaign_encoding.$2.log")" -eq "$3" ] || { echo "expected $3 checks in $2"; fail=1; }
}

# LATIN1: the client sends UTF-8, the server stores Latin-1 bytes ('í' = 0xED)
check smskpi_cm_latin1 LATIN1 12 UTF8 <<'EOF'
SET timezone = 'UTC';
CREATE TABLE m (contact_id bigint, message_id bigint, direction text, sent_at timestamptz, body text);
-- contact c: an outbound message at 10:00, the reply at 10:05
INSERT INTO m
SELECT c, c * 10 + d, dir, '2024-01-01 10:00'::timestamptz + d * interval '5 minutes', b
FROM (VALUES (1, 'Sí'), (2, '¡Alto!'), (3, '¿Qué?'), (4, 'Ça va? non merci'), (5, 'Sí'),
             (6, 'Sí'), (7, repeat('é', 200) || ' Sí?'), (8, 'terrible service, adiós')) v(c, b),
     (VALUES (0, 'outbound'), (1, 'inbound')) w(d, dir);
CREATE TABLE a AS
SELECT a.contact_id, a.reply_intent, a.reply_sentiment, a.positive, a.opted_out, m.body
FROM smskpi.reply_attribution((SELECT smskpi.message_log(contact_id, contact_id, message_id,
       direction, sent_at, 'delivered', body, 0, 1, 1) FROM m)) a
JOIN m ON m.contact_id = a.contact_id AND m.direction = 'inbound';
SELECT 'server encoding', current_setting('server_encoding'), 'LATIN1';
SELECT 'stored bytes of Sí', encode(convert_to(body, 'LATIN1'), 'hex'), '53ed' FROM a WHERE contact_id = 1;
SELECT 'Sí is yes', reply_intent, 'yes' FROM a WHERE contact_id = 1;
SELECT 'Sí is positive', positive::text, 'true' FROM a WHERE contact_id = 1;
SELECT '¡Alto! is an opt-out', reply_intent || ' ' || opted_out, 'opt_out true' FROM a WHERE contact_id = 2;
SELECT '¿Qué? is a question', reply_intent, 'question' FROM a WHERE contact_id = 3;
SELECT 'Ça va? non merci is a question', reply_intent, 'question' FROM a WHERE contact_id = 4;
SELECT 'repeated Sí (memo) is yes', string_agg(reply_intent, ',' ORDER BY contact_id), 'yes,yes' FROM a WHERE contact_id IN (5, 6);
SELECT 'intents = smskpi.reply_intent', count(*) FILTER (WHERE reply_intent = smskpi.reply_intent(body))::text, '8' FROM a;
SELECT 'sentiments = smskpi.sentiment_score', count(*) FILTER (WHERE reply_sentiment = smskpi.sentiment_score(body)::float4::float8)::text, '8' FROM a;
SELECT 'long body (past the memo) = reply_intent', (reply_intent = smskpi.reply_intent(body))::text, 'true' FROM a WHERE contact_id = 7;
SELECT 'terrible service, adiós is negative', (reply_sentiment < 0)::text, 'true' FROM a WHERE contact_id = 8;
EOF

# SQL_ASCII: bytes are read as UTF-8; Latin-1 bytes there are invalid UTF-8
check smskpi_cm_sqlascii SQL_ASCII 4 SQL_ASCII <<'EOF'
CREATE TABLE m (contact_id bigint, message_id bigint, direction text, sent_at timestamptz, body text);
INSERT INTO m
SELECT c, c * 10 + d, dir, '2024-01-01 10:00'::timestamptz + d * interval '5 minutes', b
FROM (VALUES (1, E'S\xed'), (2, E'S\xc3\xad'), (3, E'st\xffop'), (4, E'\xf0\x9f\x91'), (5, E'S\xc3\xad')) v(c, b),
     (VALUES (0, 'outbound'), (1, 'inbound')) w(d, dir);
CREATE TABLE a AS
SELECT a.contact_id, a.reply_intent, a.reply_sentiment, m.body
FROM smskpi.reply_attribution((SELECT smskpi.message_log(contact_id, contact_id, message_id,
       direction, sent_at, 'delivered', body, 0, 1, 1) FROM m)) a
JOIN m ON m.contact_id = a.contact_id AND m.direction = 'inbound';
SELECT 'UTF-8 bytes of Sí are yes', reply_intent, 'yes' FROM a WHERE contact_id = 2;
SELECT 'Latin-1 byte 0xED is not a letter here', (reply_intent <> 'yes')::text, 'true' FROM a WHERE contact_id = 1;
SELECT 'intents = smskpi.reply_intent', count(*) FILTER (WHERE reply_intent = smskpi.reply_intent(body))::text, '5' FROM a;
SELECT 'sentiments = smskpi.sentiment_score', count(*) FILTER (WHERE reply_sentiment = smskpi.sentiment_score(body)::float4::float8)::text, '5' FROM a;
EOF
exit $fail
