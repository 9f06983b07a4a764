/*
 * campaign_log_fuzz.c -- libFuzzer harness for the validation of the
 * campaign logs a user can hand to reply_attribution, campaign_falloff,
 * unanswered_streaks and speed_to_lead (src/campaign_log.c cm_read_log,
 * cm_read_events) and for the walk those functions then run over an
 * accepted log (src/attribution.c cm_attribute).
 *
 * fuzz-mode: server
 * fuzz-sources: src/campaign_log.c src/campaign_msg.c src/attribution.c
 *
 * Input: byte 0 is a set of switches, the rest the payload.
 *	 bit 0: 0 = message log, 1 = contact event log
 *	 bit 1: the payload is the whole bytea content (header included);
 *			otherwise the harness writes a correct header (magic, version,
 *			flags "sorted", count) in front of the payload, so that the
 *			fuzzer spends its time on the records
 *	 bit 2: place the bytea at an address that is 4- but not 8-aligned
 *			(a value read straight from a table page)
 *	 bits 3-4: reply window: none, 1 minute, 1 day, 1 microsecond
 *
 * Properties of an accepted log (errors must be clean, see pgstub.h):
 *	 - records in cm_msg_cmp order, no unknown flags (checked again here);
 *	 - cm_attribute calls back once per contact having outbound messages,
 *	   with outcomes pointing into the log, positions 1..n, replies >= 0,
 *	   a first reply at or after its message and only when replies > 0.
 * An accepted event log is used as the stops of a walk over a fixed log.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/timestamp.h"

#include "campaign.h"
#include "pgstub.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct WalkCheck
{
	const CmLog *log;
	int64		contacts;
	int64		last_contact;
} WalkCheck;

static void
bug(const char *what)
{
	fprintf(stderr, "campaign_log_fuzz: %s\n", what);
	abort();
}

static void
walk_cb(void *arg, CmOutcome *outs, int n)
{
	WalkCheck  *w = (WalkCheck *) arg;

	if (n < 1)
		bug("callback with no outbound message");
	for (int i = 0; i < n; i++)
	{
		const CmOutcome *o = &outs[i];

		if (o->msg < w->log->msgs || o->msg >= w->log->msgs + w->log->n)
			bug("outcome message outside the log");
		if (!(o->msg->flags & CM_OUTBOUND))
			bug("outcome for an inbound message");
		if (o->msg->contact_id != outs[0].msg->contact_id)
			bug("outcomes of two contacts in one callback");
		if (o->position != i + 1)
			bug("positions not 1..n");
		if (o->replies < 0)
			bug("negative reply count");
		if (o->replies > 0)
		{
			if (o->first_reply == NULL || o->first_reply_at < o->msg->sent_at ||
				o->first_reply < w->log->msgs || o->first_reply >= w->log->msgs + w->log->n)
				bug("bad first reply");
		}
		else if (o->first_reply != NULL || o->first_reply_at != DT_NOEND)
			bug("first reply without replies");
	}
	if (w->contacts > 0 && outs[0].msg->contact_id <= w->last_contact)
		bug("contacts not in increasing order");
	w->last_contact = outs[0].msg->contact_id;
	w->contacts++;
}

static bytea *
make_bytea(const uint8_t *p, size_t len, bool raw, bool events, bool unaligned)
{
	Size		hdr = raw ? 0 : CM_HEADER_SIZE - VARHDRSZ;
	char	   *mem = palloc(VARHDRSZ + hdr + len + 4);
	bytea	   *b = (bytea *) (mem + (unaligned ? 4 : 0));	/* int-aligned, as in a tuple */

	SET_VARSIZE(b, VARHDRSZ + hdr + len);
	if (!raw)
	{
		CmLogHeader h;

		memcpy(&h, b, VARHDRSZ);
		h.magic = events ? CM_EVENTS_MAGIC : CM_LOG_MAGIC;
		h.version = CM_FORMAT_VERSION;
		h.flags = CM_LOG_SORTED;
		h.count = len / (events ? sizeof(CmEvent) : sizeof(CmMsg));
		memcpy(b, &h, CM_HEADER_SIZE);
	}
	memcpy((char *) b + VARHDRSZ + hdr, p, len);
	return b;
}

/* three contacts, outbound and inbound messages, for walks with fuzzed stops */
static void
fixed_log(CmLog *log)
{
	static CmMsg m[6];

	memset(m, 0, sizeof(m));
	for (int i = 0; i < 6; i++)
	{
		m[i].contact_id = i / 2;
		m[i].conversation_id = i / 2;
		m[i].message_id = i;
		m[i].sent_at = INT64CONST(800000000000000) + i * USECS_PER_HOUR;
		m[i].flags = (i % 2 == 0) ? CM_OUTBOUND | CM_DELIVERED : 0;
		m[i].campaign_id = (i % 2 == 0) ? 7 : 0;
	}
	log->msgs = m;
	log->n = 6;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64 windows[4] = {CM_NO_WINDOW, USECS_PER_MINUTE, USECS_PER_DAY, 1};
	bool		events,
				raw,
				unaligned;
	int64		window;

	if (size < 1 || size > 1 << 16)
		return 0;
	events = data[0] & 1;
	raw = (data[0] & 2) != 0;
	unaligned = (data[0] & 4) != 0;
	window = windows[(data[0] >> 3) & 3];

	if (STUB_TRY())
	{
		bytea	   *b = make_bytea(data + 1, size - 1, raw, events, unaligned);
		WalkCheck	w = {0};

		if (!events)
		{
			CmLog		log;

			cm_read_log(b, &log);
			for (int64 i = 0; i < log.n; i++)
			{
				if ((log.msgs[i].flags & ~CM_ALL_FLAGS) != 0)
					bug("accepted unknown flags");
				if (i > 0 && cm_msg_cmp(&log.msgs[i - 1], &log.msgs[i]) > 0)
					bug("accepted a log out of order");
			}
			w.log = &log;
			cm_attribute(&log, window, CM_NO_WINDOW, NULL, 1, walk_cb, &w);
		}
		else
		{
			CmEvents	ev;
			CmLog		log;

			cm_read_events(b, &ev);
			for (int64 i = 1; i < ev.n; i++)
				if (ev.ev[i - 1].contact_id > ev.ev[i].contact_id ||
					(ev.ev[i - 1].contact_id == ev.ev[i].contact_id &&
					 ev.ev[i - 1].at > ev.ev[i].at))
					bug("accepted events out of order");
			fixed_log(&log);
			w.log = &log;
			cm_attribute(&log, window, CM_NO_WINDOW, &ev, 1, walk_cb, &w);
			if (w.contacts != 3)
				bug("fixed log: not 3 contacts");
		}
		STUB_END_TRY();
	}
	else
		stub_check_error();
	stub_reset_memory();
	return 0;
}
