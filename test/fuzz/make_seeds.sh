#!/bin/sh
# Regenerate the seed corpora of the server-mode harnesses from real values
# (run inside a cluster with smskpi installed, e.g.
#   pg_virtualenv -t -v 15 sh test/fuzz/make_seeds.sh).
# Each seed is the harness's mode byte followed by the payload.
set -eu
cd "$(dirname "$0")/../.."
db=smskpi_seeds
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -qX -v ON_ERROR_STOP=1 -d $db -c 'CREATE EXTENSION smskpi'
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db -c "$1"; }
# seed DIR NAME MODEBYTE(hex) HEXPAYLOAD
seed() { mkdir -p "test/fuzz/corpus/$1"; printf '%s%s' "$3" "$4" | xxd -r -p > "test/fuzz/corpus/$1/$2"; }

q "CREATE TABLE m(conv bigint, tconv text, inbound boolean, at timestamptz);
   INSERT INTO m VALUES (1,'a',true,'2026-03-02 09:00Z'),(1,'a',false,'2026-03-02 09:05Z'),
     (1,'a',true,'2026-03-02 10:00Z'),(1,'a',false,'2026-03-02 11:00Z'),
     (2,'bb',false,'2026-03-01 08:00Z'),(2,'bb',true,'2026-03-03 08:00Z'),
     (3,'c',true,'2026-03-04 12:00Z')"
i=0
for st in \
	"smskpi.first_response_state(conv, inbound, at)" \
	"smskpi.first_response_state(tconv, inbound, at)" \
	"smskpi.reply_time_state(conv, inbound, at)" \
	"smskpi.reply_time_state(tconv::varchar, inbound, at, 'America/New_York; mon-fri 09:00-17:00; holidays 2026-12-25')" \
	"smskpi.first_response_state(conv::int2, inbound, at, 'UTC; mon-sun 00:00-24:00')" \
	"smskpi.first_response_state(conv::int4, inbound, at) FILTER (WHERE false)"
do
	i=$((i + 1))
	h=$(q "SELECT encode(smskpi.response_state_send($st), 'hex') FROM m")
	[ -n "$h" ] || continue
	seed response_state "bin$i" 02 "$h"
	seed response_state "hex$i" 01 "$h"
	t=$(q "SELECT $st::text FROM m" | od -An -tx1 | tr -d ' \n')
	seed response_state "text$i" 00 "$t"
done

i=0
for bh in 'UTC' 'America/New_York; mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00; holidays 2026-12-25 2027-01-01' \
	'Asia/Kolkata; mon 22:00-24:00; tue 00:00-06:00:30' 'Pacific/Kiritimati; mon-sun 00:00-24:00' 'Pacific/Niue; fri-mon 10:00-11:00'
do
	i=$((i + 1))
	seed business_hours "text$i" 00 "$(printf '%s' "$bh" | od -An -tx1 | tr -d ' \n')"
	seed business_hours "bin$i" 01 "$(q "SELECT encode(smskpi.business_hours_send('$bh'), 'hex')")"
done

q "CREATE TABLE c(contact bigint, conv bigint, id bigint, dir text, at timestamptz, status text,
     body text, media int, campaign bigint, step int);
   INSERT INTO c VALUES (1,10,100,'outbound','2026-03-02 09:00Z','delivered','Hi',0,7,1),
     (1,10,101,'inbound','2026-03-02 09:30Z',NULL,'yes please',0,NULL,NULL),
     (1,10,102,'outbound','2026-03-03 09:00Z','failed','Step 2',1,7,2),
     (2,NULL,NULL,'outbound','2026-03-02 09:00Z','sent','Hi',NULL,7,1),
     (2,11,104,'inbound','2026-03-05 09:00Z',NULL,'STOP',0,NULL,NULL),
     (3,12,105,'inbound','2026-03-01 09:00Z',NULL,NULL,0,NULL,NULL)"
# campaign harness: byte0 bit 0 = message log (0) or event log (1), bit 1 = the payload is
# the whole bytea (else the harness writes the 12-byte header itself: payload = records)
L=$(q "SELECT encode(smskpi.message_log(contact, conv, id, dir, at, status, body, media, campaign, step), 'hex') FROM c")
E=$(q "SELECT encode(smskpi.contact_event_log(contact, at), 'hex') FROM c")
seed campaign_log log-raw 02 "$L"
seed campaign_log log-recs 00 "$(echo "$L" | cut -c25-)"
seed campaign_log log-unaligned 06 "$L"
seed campaign_log ev-raw 03 "$E"
seed campaign_log ev-recs 01 "$(echo "$E" | cut -c25-)"
seed campaign_log log-empty 02 "$(q "SELECT encode(smskpi.message_log(contact, conv, id, dir, at, status, body, media, campaign, step), 'hex') FROM c WHERE false")"
psql -qX -d postgres -c "DROP DATABASE $db"
ls test/fuzz/corpus/response_state test/fuzz/corpus/business_hours test/fuzz/corpus/campaign_log
