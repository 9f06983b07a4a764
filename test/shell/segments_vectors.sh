#!/bin/sh
# 1. Matches smskpi.sms_encoding / sms_segments / sms_smart_encoding /
#    sms_smart_segments against all vectors of test/data/segments_vectors.jsonl
#    (derived from Twilio's message-segment-calculator, MIT: see
#    test/data/LICENSE-sms-segments-calculator-MIT.txt).
# 2. The text functions (segments, emoji) in other server encodings:
#    SQL_ASCII (bytes read as UTF-8, invalid bytes = U+FFFD), LATIN1 and
#    WIN1252 (converted to UTF-8).  Expected values worked out by hand.
# Exit 0 = all match.  Runs inside a cluster (pg_virtualenv); scratch databases.
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

# check DB ENCODING CLIENTENC N: stdin has SQL returning rows "label|got|want";
# every got must equal want, and there must be N of them.
fail=0
mkdir -p build
check() {
	psql -qX -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $1" \
		-c "CREATE DATABASE $1 ENCODING '$2' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
	psql -qX -v ON_ERROR_STOP=1 -d "$1" -c 'CREATE EXTENSION smskpi'
	res=$(PGCLIENTENCODING=$3 psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -f -) || { echo "psql failed in $1"; fail=1; }
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1"
	echo "$res" | while IFS='|' read -r label got want; do
		if [ "$got" = "$want" ]; then echo "ok   $2: $label = $got"; else echo "FAIL $2: $label: got $got, want $want"; fi
	done > "build/encodings.$2.log"
	cat "build/encodings.$2.log"
	if grep -q '^FAIL' "build/encodings.$2.log"; then fail=1; fi
	[ "$(grep -c '^ok' "build/encodings.$2.log")" -eq "$4" ] || { echo "expected $4 checks in $2"; fail=1; }
}

# SQL_ASCII: E'\xNN' literals store raw bytes; invalid UTF-8 is U+FFFD (UCS-2, 1 unit)
check smskpi_sqlascii SQL_ASCII SQL_ASCII 12 <<'EOF'
SELECT 'encoding of \xff', smskpi.sms_encoding(E'\xff'), 'UCS-2';
SELECT 'units of \xff', smskpi.sms_units(E'\xff')::text, '1';
SELECT 'segments of 71 x \xff', smskpi.sms_segments(repeat(E'\xff', 71))::text, '2';
SELECT 'units of abc + truncated euro', smskpi.sms_units(E'abc\xe2\x82')::text, '5';
SELECT 'valid UTF-8 euro is GSM-7', smskpi.sms_encoding(E'\xe2\x82\xac'), 'GSM-7';
SELECT 'units of valid euro', smskpi.sms_units(E'\xe2\x82\xac')::text, '2';
SELECT 'surrogate bytes = 3 x FFFD', smskpi.sms_units(E'\xed\xa0\x80')::text, '3';
SELECT 'emoji thumbs (valid bytes)', smskpi.emoji_count(E'\xf0\x9f\x91\x8d')::text, '1';
SELECT 'emoji truncated thumbs', smskpi.emoji_count(E'\xf0\x9f\x91')::text, '0';
SELECT 'has_emoji of garbage', smskpi.has_emoji(E'\xff\xfe\x80\xc0')::text, 'false';
SELECT 'smart: garbage stays UCS-2', smskpi.sms_smart_encoding(E'a\xffb'), 'UCS-2';
SELECT 'ascii GSM-7', smskpi.sms_encoding('hello'), 'GSM-7';
EOF

# LATIN1: client sends UTF-8, the server stores Latin-1, smskpi converts back
check smskpi_latin1 LATIN1 UTF8 8 <<'EOF'
SELECT 'e acute is GSM-7', smskpi.sms_encoding('é'), 'GSM-7';
SELECT 'c cedilla is UCS-2', smskpi.sms_encoding('ç'), 'UCS-2';
SELECT 'currency sign units', smskpi.sms_units('¤'), '1';
SELECT '161 e acute segments', smskpi.sms_segments(repeat('é', 161))::text, '2';
SELECT 'not sign: 71 UCS-2 units', smskpi.sms_segments(repeat('¬', 71))::text, '2';
SELECT 'smart: no-break space', smskpi.sms_smart_encoding(U&'a\00A0b'), 'GSM-7';
SELECT 'no emoji in Latin-1', smskpi.emoji_count('©®é')::text, '0';
SELECT 'has_emoji', smskpi.has_emoji('abc')::text, 'false';
EOF

# WIN1252: the euro sign is byte 0x80 here, U+20AC after conversion
check smskpi_win1252 WIN1252 UTF8 3 <<'EOF'
SELECT 'euro is GSM-7', smskpi.sms_encoding('€'), 'GSM-7';
SELECT 'euro units', smskpi.sms_units('€')::text, '2';
SELECT 'curly quotes smart', smskpi.sms_smart_encoding('“hi”'), 'GSM-7';
EOF
exit $fail
