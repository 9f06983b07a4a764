#!/bin/sh
# Matches smskpi.sms_encoding / sms_segments / sms_smart_encoding /
# sms_smart_segments against all vectors of test/data/segments_vectors.jsonl
# (derived from Twilio's message-segment-calculator, MIT: see
# test/data/LICENSE-sms-segments-calculator-MIT.txt).  Exit 0 = all match.
# Runs inside a cluster (pg_virtualenv); uses a scratch database.
set -eu
cd "$(dirname "$0")/../.."
db=smskpi_vectors
psql -qX -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" \
	-c "CREATE DATABASE $db ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
out=$(psql -qXAt -v ON_ERROR_STOP=1 -d $db <<'EOF'
CREATE EXTENSION smskpi;
CREATE TABLE v (n serial, j jsonb);
-- one JSON document per line; CSV with quote/delimiter bytes that never occur
\copy v (j) FROM 'test/data/segments_vectors.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TABLE r AS SELECT n, j->>'text' AS body,
  j->>'encoding' AS e, (j->>'segments')::int AS s,
  j->>'smart_encoding' AS se, (j->>'smart_segments')::int AS ss,
  smskpi.sms_encoding(j->>'text') AS got_e, smskpi.sms_segments(j->>'text') AS got_s,
  smskpi.sms_smart_encoding(j->>'text') AS got_se, smskpi.sms_smart_segments(j->>'text') AS got_ss
FROM v;
SELECT 'vectors: ' || count(*) FROM r;
SELECT format('MISMATCH line %s: want %s/%s smart %s/%s, got %s/%s smart %s/%s: %s',
              n, e, s, se, ss, got_e, got_s, got_se, got_ss, left(body, 60))
FROM r WHERE (e, s, se, ss) IS DISTINCT FROM (got_e, got_s, got_se, got_ss) ORDER BY n;
EOF
)
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db"
echo "$out"
echo "$out" | grep -q '^vectors: 300$' || { echo "expected 300 vectors"; exit 1; }
if echo "$out" | grep -q MISMATCH; then exit 1; fi
echo "all 300 vectors match"
