/*-------------------------------------------------------------------------
 *
 * campaign_log.c
 *	  The two aggregates that carry a user's data into the campaign
 *	  functions, and the validation of their results (see campaign.h for
 *	  the binary layout, doc/campaign.md for the SQL API):
 *
 *	  smskpi.message_log(contact_id, conversation_id, message_id, direction,
 *	  sent_at, status, body, media_count, campaign_id, campaign_step) -> bytea
 *		one 48-byte record per message (inbound bodies are classified on the
 *		way in, each distinct short body once: reply intent and sentiment;
 *		bodies are not kept), sorted by contact, then time.  The sort is not
 *		global: a counting sort over the contact id range when it is dense,
 *		else contacts hashed to groups placed in contact_id order; then each
 *		contact's few records are sorted on their own.  In parallel each
 *		worker sorts its share (serialize), combine keeps the sorted runs
 *		and the final function merges them.

 *	  smskpi.contact_event_log(contact_id, at) -> bytea
 *		sorted (contact_id, at) pairs: opt-ins, opt-outs, conversions.
 *
 *	  Both have an internal transition state (a growing array of records),
 *	  a combine function and serialize/deserialize functions, so they run
 *	  in parallel; every count and length is checked when a log comes back
 *	  in, and every record of a message log is checked field by field.
 *
 *	  Memory: 48 bytes per message in the state (plus up to 2x slack while
 *	  the array grows); finalization needs another 48 bytes per message for
 *	  the log, and while sorting 4 bytes per message and per value of the
 *	  contact id range (counting) or about 40 bytes per contact (hashing).  A log holds at most CM_MAX_MESSAGES
 *	  (22,369,621) messages, since a bytea cannot exceed 1 GB.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/hashfn.h"
#include "common/int.h"
#include "miscadmin.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "campaign.h"
#include "intent.h"
#include "sentiment.h"
#include "unicode.h"

/*
 * Classification memo of message_log: intent and sentiment are pure
 * functions of a body's bytes, and replies repeat ("STOP", "Yes", answers
 * to the same template), so each distinct short body is classified once per
 * transition state.  Keyed by the body's bytes as stored (before any
 * conversion to UTF-8).  It starts small and grows with the number of
 * distinct bodies (a grouped aggregate has one per group), up to
 * CM_MEMO_MAX_SLOTS / 2 bodies of at most CM_MEMO_MAXLEN bytes (about
 * 512 kB); when full it is emptied and refills.  A cache only: it is not
 * part of the serialized state.
 */
#define CM_MEMO_MIN_SLOTS	64		/* powers of two, at most half used */
#define CM_MEMO_MAX_SLOTS	16384
#define CM_MEMO_MAXLEN		160
#define CM_MEMO_MIN_ARENA	2048
#define CM_MEMO_MAX_ARENA	(256 * 1024)

typedef struct CmMemoSlot
{
	uint32		hash;
	uint32		off;			/* of the body's bytes in the arena */
	uint16		len;
	uint8		intent;
	bool		used;
	float4		sentiment;
} CmMemoSlot;

typedef struct CmMemo
{
	CmMemoSlot *slots;
	uint32		nslots;
	uint32		nbodies;
	char	   *arena;
	uint32		arena_size;
	uint32		arena_used;
} CmMemo;

#define CM_MAX_RUNS			16

/* growing array of fixed-size records, the transition state of both aggregates */
typedef struct CmBuild
{
	MemoryContext cxt;
	Size		elemsize;
	int64		max;			/* CM_MAX_MESSAGES or CM_MAX_EVENTS */
	int64		n;
	int64		cap;
	char	   *recs;
	/*
	 * message_log: sorted = the records are nruns runs, each in log order,
	 * run r starting at runs[r] (runs[0] = 0); the final function merges
	 * them.  Partial states come sorted from the workers, so combine only
	 * appends and the final function merges once.
	 */
	bool		sorted;
	int			nruns;
	int64		runs[CM_MAX_RUNS];
	bool		borrowed;		/* recs points into a deserialized bytea */
	CmMemo	   *memo;			/* message_log only, created on first use */
} CmBuild;

static CmBuild *
cm_build_new(MemoryContext cxt, Size elemsize, int64 max)
{
	CmBuild    *b = MemoryContextAlloc(cxt, sizeof(CmBuild));

	b->cxt = cxt;
	b->elemsize = elemsize;
	b->max = max;
	b->n = 0;
	b->cap = 64;
	b->recs = MemoryContextAllocHuge(cxt, b->cap * elemsize);
	b->sorted = true;
	b->nruns = 1;
	b->runs[0] = 0;
	b->borrowed = false;
	b->memo = NULL;
	return b;
}

/* make room for extra more records */
static void
cm_build_reserve(CmBuild *b, int64 extra)
{
	int64		need = b->n + extra;

	if (need > b->max)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many rows for one smskpi log"),
				 errdetail("A log holds at most " INT64_FORMAT " rows.", b->max),
				 errhint("Split the input, for example by a range of contact_id.")));
	Assert(!b->borrowed);
	if (need > b->cap)
	{
		int64		cap = b->cap;

		while (cap < need)
			cap *= 2;
		if (cap > b->max)
			cap = b->max;
		b->recs = repalloc_huge(b->recs, cap * b->elemsize);
		b->cap = cap;
	}
}

static MemoryContext
cm_agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s called in non-aggregate context", fname);
	return aggcxt;
}

/* ---------------------------------------------------------------------
 * Order and validation
 * ---------------------------------------------------------------------
 */

#define CMP(x, y) do { if ((x) != (y)) return (x) < (y) ? -1 : 1; } while (0)

/*
 * Total order of a message log: contact_id, sent_at, inbound before
 * outbound, message_id (NULL last), conversation_id (NULL last), then the
 * remaining bytes so that equal keys still order deterministically.
 */
static inline int
cm_msg_cmp_inline(const CmMsg *a, const CmMsg *b)
{
	CMP(a->contact_id, b->contact_id);
	CMP(a->sent_at, b->sent_at);
	CMP(a->flags & CM_OUTBOUND, b->flags & CM_OUTBOUND);
	CMP(a->flags & CM_MSGID_NULL, b->flags & CM_MSGID_NULL);
	CMP(a->message_id, b->message_id);
	CMP(a->flags & CM_CONV_NULL, b->flags & CM_CONV_NULL);
	CMP(a->conversation_id, b->conversation_id);
	return memcmp(a, b, sizeof(CmMsg));
}

int
cm_msg_cmp(const CmMsg *a, const CmMsg *b)
{
	return cm_msg_cmp_inline(a, b);
}

/* cm_sort_msgs(CmMsg *, size_t): sort_template.h with the order inlined */
#define ST_SORT cm_sort_msgs
#define ST_ELEMENT_TYPE CmMsg
#define ST_COMPARE(a, b) cm_msg_cmp_inline(a, b)
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

static int
cm_event_cmp(const void *pa, const void *pb)
{
	const CmEvent *a = pa;
	const CmEvent *b = pb;

	CMP(a->contact_id, b->contact_id);
	CMP(a->at, b->at);
	return 0;
}

static void
cm_bad_log(const char *what, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid smskpi %s", what),
			 errdetail("%s", detail),
			 errhint("Pass the result of the smskpi aggregate that builds it.")));
}

static void
cm_check_msg(const CmMsg *m)
{
	if ((m->flags & ~CM_ALL_FLAGS) != 0 || m->pad != 0)
		cm_bad_log("message log", "A record has unknown flag bits.");
	if (TIMESTAMP_NOT_FINITE(m->sent_at) || !IS_VALID_TIMESTAMP(m->sent_at))
		cm_bad_log("message log", "A record has an invalid sent_at.");
	if (((m->flags & CM_CONV_NULL) && m->conversation_id != 0) ||
		((m->flags & CM_MSGID_NULL) && m->message_id != 0) ||
		((m->flags & CM_MMS) && (m->flags & CM_MEDIA_NULL)))
		cm_bad_log("message log", "A record has inconsistent NULL flags.");
	if (m->flags & CM_OUTBOUND)
	{
		if ((m->flags & CM_BODY_NULL) || m->intent != 0 ||
			((m->flags & CM_DELIVERED) && (m->flags & CM_FAILED)) ||
			((m->flags & CM_CAMPAIGN_NULL) && m->campaign_id != 0) ||
			((m->flags & CM_STEP_NULL) && m->u.campaign_step != 0))
			cm_bad_log("message log", "An outbound record is inconsistent.");
	}
	else
	{
		float4		s = m->u.sentiment;

		if ((m->flags & (CM_DELIVERED | CM_FAILED | CM_CAMPAIGN_NULL | CM_STEP_NULL)) ||
			m->campaign_id != 0 || m->intent > (uint8) SMS_INTENT_OTHER ||
			isnan(s) || s < -1.0f || s > 1.0f ||
			((m->flags & CM_BODY_NULL) && (s != 0.0f || m->intent != 0)))
			cm_bad_log("message log", "An inbound record is inconsistent.");
	}
}

/*
 * Check the header of a log and return its records; *copy is set to a
 * MAXALIGNed copy when the bytes are not aligned (a log read from a table).
 */
static const char *
cm_check_header(bytea *b, uint32 magic, Size elemsize, const char *what,
				bool need_sorted, int64 *count, uint16 *flags)
{
	Size		len = VARSIZE(b);
	CmLogHeader hdr;
	const char *recs;

	if (len < CM_HEADER_SIZE)
		cm_bad_log(what, "The value is too short.");
	memcpy(&hdr, b, CM_HEADER_SIZE);
	if (hdr.magic != magic)
		cm_bad_log(what, "The value does not start with the right magic number.");
	if (hdr.version != CM_FORMAT_VERSION)
		cm_bad_log(what, "The format version is not supported.");
	if ((hdr.flags & ~(CM_LOG_SORTED | CM_LOG_PARTIAL)) != 0)
		cm_bad_log(what, "The header has unknown flag bits.");
	if (need_sorted && hdr.flags != CM_LOG_SORTED)
		cm_bad_log(what, "The log is a partial aggregate state, not a finished log.");
	if (!need_sorted && !(hdr.flags & CM_LOG_PARTIAL))
		cm_bad_log(what, "The value is not a partial aggregate state.");
	if ((Size) hdr.count != (len - CM_HEADER_SIZE) / elemsize ||
		(len - CM_HEADER_SIZE) % elemsize != 0)
		cm_bad_log(what, "The record count does not match the length.");
	recs = (const char *) b + CM_HEADER_SIZE;
	if ((uintptr_t) recs % MAXIMUM_ALIGNOF != 0 && hdr.count > 0)
	{
		char	   *copy = palloc_extended(len - CM_HEADER_SIZE, MCXT_ALLOC_HUGE);

		memcpy(copy, recs, len - CM_HEADER_SIZE);
		recs = copy;
	}
	*count = hdr.count;
	if (flags)
		*flags = hdr.flags;
	return recs;
}

void
cm_read_log(bytea *b, CmLog *log)
{
	const CmMsg *m;
	int64		n,
				i;

	m = (const CmMsg *) cm_check_header(b, CM_LOG_MAGIC, sizeof(CmMsg),
										"message log", true, &n, NULL);
	for (i = 0; i < n; i++)
	{
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		cm_check_msg(&m[i]);
		if (i > 0 && cm_msg_cmp_inline(&m[i - 1], &m[i]) > 0)
			cm_bad_log("message log", "The records are not in order.");
	}
	log->msgs = m;
	log->n = n;
}

void
cm_read_events(bytea *b, CmEvents *ev)
{
	const CmEvent *e;
	int64		n,
				i;

	e = (const CmEvent *) cm_check_header(b, CM_EVENTS_MAGIC, sizeof(CmEvent),
										  "contact event log", true, &n, NULL);
	for (i = 1; i < n; i++)
		if (cm_event_cmp(&e[i - 1], &e[i]) > 0)
			cm_bad_log("contact event log", "The records are not in order.");
	ev->ev = e;
	ev->n = n;
}

TimestampTz
cm_events_first(const CmEvents *ev, int64 *cursor, int64 contact)
{
	int64		i = *cursor;

	if (ev == NULL)
		return DT_NOEND;
	while (i < ev->n && ev->ev[i].contact_id < contact)
		i++;
	*cursor = i;
	if (i < ev->n && ev->ev[i].contact_id == contact)
		return ev->ev[i].at;
	return DT_NOEND;
}

int64
cm_window_arg(FunctionCallInfo fcinfo, int argno)
{
	Interval   *w;
	int64		usec;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return CM_NO_WINDOW;
	w = PG_GETARG_INTERVAL_P(argno);
	if (w->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("reply_window must not contain months or years"),
				 errhint("Write the window in days, hours or minutes, e.g. interval '30 days'.")));
	if (pg_mul_s64_overflow((int64) w->day, USECS_PER_DAY, &usec) ||
		pg_add_s64_overflow(usec, w->time, &usec))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("reply_window is out of range")));
	if (usec <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("reply_window must be positive"),
				 errhint("Pass NULL for no window.")));
	return usec;
}

void
cm_interval_set(Interval *r, int64 usec)
{
	/* the shape of timestamptz - timestamptz: whole days split off the time */
	r->month = 0;
	r->day = (int32) (usec / USECS_PER_DAY);
	r->time = usec - (int64) r->day * USECS_PER_DAY;
}

/* ---------------------------------------------------------------------
 * smskpi.message_log(...)
 * ---------------------------------------------------------------------
 */

/* t equals the string literal lit (inlined: the length is a constant) */
#define text_eq(t, lit) \
	(VARSIZE_ANY_EXHDR(t) == sizeof(lit) - 1 && \
	 memcmp(VARDATA_ANY(t), lit, sizeof(lit) - 1) == 0)

/* the slot of a body: its own or the empty one where it goes */
static inline CmMemoSlot *
cm_memo_probe(CmMemo *memo, uint32 h, const char *raw, int len)
{
	uint32		mask = memo->nslots - 1;
	uint32		i;

	for (i = h & mask;; i = (i + 1) & mask)
	{
		CmMemoSlot *slot = &memo->slots[i];

		if (!slot->used ||
			(slot->hash == h && slot->len == len &&
			 memcmp(memo->arena + slot->off, raw, len) == 0))
			return slot;
	}
}

/* create the memo, or empty it (back to its smallest size) */
static void
cm_memo_reset(CmBuild *b)
{
	CmMemo	   *memo = b->memo;

	if (memo == NULL)
		memo = b->memo = MemoryContextAllocZero(b->cxt, sizeof(CmMemo));
	else
	{
		pfree(memo->slots);
		pfree(memo->arena);
	}
	memo->nslots = CM_MEMO_MIN_SLOTS;
	memo->slots = MemoryContextAllocZero(b->cxt, memo->nslots * sizeof(CmMemoSlot));
	memo->nbodies = 0;
	memo->arena_size = CM_MEMO_MIN_ARENA;
	memo->arena = MemoryContextAlloc(b->cxt, memo->arena_size);
	memo->arena_used = 0;
}

/*
 * Make room for one more body of len bytes: grow the slots (rehash) or the
 * arena, or empty the memo when it is at its largest.  Returns false when
 * it was emptied.
 */
static bool
cm_memo_room(CmBuild *b, int len)
{
	CmMemo	   *memo = b->memo;

	if ((memo->nbodies + 1) * 2 > memo->nslots)
	{
		CmMemoSlot *old = memo->slots;
		uint32		oldn = memo->nslots,
					i;

		if (memo->nslots >= CM_MEMO_MAX_SLOTS)
		{
			cm_memo_reset(b);
			return false;
		}
		memo->nslots *= 2;
		memo->slots = MemoryContextAllocZero(b->cxt, memo->nslots * sizeof(CmMemoSlot));
		for (i = 0; i < oldn; i++)
			if (old[i].used)
				*cm_memo_probe(memo, old[i].hash, memo->arena + old[i].off, old[i].len) = old[i];
		pfree(old);
	}
	if (memo->arena_used + len > memo->arena_size)
	{
		uint32		size = memo->arena_size;

		while (memo->arena_used + len > size && size < CM_MEMO_MAX_ARENA)
			size *= 2;
		if (memo->arena_used + len > size)
		{
			cm_memo_reset(b);
			return false;
		}
		memo->arena = repalloc(memo->arena, size);
		memo->arena_size = size;
	}
	return true;
}

/*
 * Set m's intent and sentiment from an inbound body: the classifiers read
 * the body as UTF-8 (converted from the server encoding if need be);
 * short bodies go through the memo.
 */
static void
cm_classify(CmBuild *b, text *body, CmMsg *m)
{
	const char *raw = VARDATA_ANY(body);
	int			rawlen = VARSIZE_ANY_EXHDR(body);
	bool		memoize = rawlen <= CM_MEMO_MAXLEN;
	uint32		h = 0;
	const char *s;
	int			len;
	double		sent;

	if (memoize)
	{
		CmMemoSlot *slot;

		if (b->memo == NULL)
			cm_memo_reset(b);
		h = hash_bytes((const unsigned char *) raw, rawlen);
		slot = cm_memo_probe(b->memo, h, raw, rawlen);
		if (slot->used)
		{
			m->intent = slot->intent;
			m->u.sentiment = slot->sentiment;
			return;
		}
	}

	s = smskpi_text_utf8(body, &len);
	m->intent = (uint8) smskpi_intent(s, len);
	sent = smskpi_sentiment(s, len);
	if (isnan(sent))
		sent = 0.0;
	m->u.sentiment = (float4) Max(-1.0, Min(1.0, sent));
	if (s != raw)
		pfree((void *) s);

	if (memoize)
	{
		CmMemo	   *memo;
		CmMemoSlot *slot;

		cm_memo_room(b, rawlen);
		memo = b->memo;
		slot = cm_memo_probe(memo, h, raw, rawlen);
		Assert(!slot->used);
		memcpy(memo->arena + memo->arena_used, raw, rawlen);
		slot->hash = h;
		slot->off = memo->arena_used;
		slot->len = (uint16) rawlen;
		slot->intent = m->intent;
		slot->used = true;
		slot->sentiment = m->u.sentiment;
		memo->arena_used += rawlen;
		memo->nbodies++;
	}
}

/* message_log_sfunc(...) returns the state with one more message appended. */
PG_FUNCTION_INFO_V1(smskpi_message_log_sfunc);
Datum
smskpi_message_log_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = cm_agg_context(fcinfo, "message_log_sfunc");
	CmBuild    *b = PG_ARGISNULL(0) ? NULL : (CmBuild *) PG_GETARG_POINTER(0);
	CmMsg		m;
	text	   *dir;

	if (b == NULL)
		b = cm_build_new(aggcxt, sizeof(CmMsg), CM_MAX_MESSAGES);

	/* a message without contact, direction or time cannot be placed: skip */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(4) || PG_ARGISNULL(5))
		PG_RETURN_POINTER(b);

	memset(&m, 0, sizeof(m));
	m.contact_id = PG_GETARG_INT64(1);
	if (PG_ARGISNULL(2))
		m.flags |= CM_CONV_NULL;
	else
		m.conversation_id = PG_GETARG_INT64(2);
	if (PG_ARGISNULL(3))
		m.flags |= CM_MSGID_NULL;
	else
		m.message_id = PG_GETARG_INT64(3);

	m.sent_at = PG_GETARG_TIMESTAMPTZ(5);
	if (TIMESTAMP_NOT_FINITE(m.sent_at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("sent_at must be finite"),
				 errdetail("A message has sent_at = %s.",
						   TIMESTAMP_IS_NOBEGIN(m.sent_at) ? "-infinity" : "infinity")));

	if (PG_ARGISNULL(8))
		m.flags |= CM_MEDIA_NULL;
	else if (PG_GETARG_INT32(8) > 0)
		m.flags |= CM_MMS;

	dir = PG_GETARG_TEXT_PP(4);
	if (text_eq(dir, "outbound"))
	{
		m.flags |= CM_OUTBOUND;
		if (!PG_ARGISNULL(6))
		{
			text	   *st = PG_GETARG_TEXT_PP(6);

			if (text_eq(st, "delivered") || text_eq(st, "read"))
				m.flags |= CM_DELIVERED;
			else if (text_eq(st, "failed") || text_eq(st, "undelivered"))
				m.flags |= CM_FAILED;
		}
		if (PG_ARGISNULL(9))
			m.flags |= CM_CAMPAIGN_NULL;
		else
			m.campaign_id = PG_GETARG_INT64(9);
		if (PG_ARGISNULL(10))
			m.flags |= CM_STEP_NULL;
		else
			m.u.campaign_step = PG_GETARG_INT32(10);
	}
	else if (text_eq(dir, "inbound"))
	{
		if (PG_ARGISNULL(7))
			m.flags |= CM_BODY_NULL;
		else
			cm_classify(b, PG_GETARG_TEXT_PP(7), &m);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid message direction \"%s\"", text_to_cstring(dir)),
				 errhint("direction must be 'inbound' or 'outbound'.")));

	cm_build_reserve(b, 1);
	if (b->sorted && b->n > 0 &&
		cm_msg_cmp_inline((const CmMsg *) b->recs + (b->n - 1), &m) > 0)
		b->sorted = false;
	memcpy(b->recs + b->n * sizeof(CmMsg), &m, sizeof(CmMsg));
	b->n++;
	PG_RETURN_POINTER(b);
}

static void cm_sort_into(const CmMsg *in, int64 n, CmMsg *out);

/*
 * combine of message_log: append the records of the second state to the
 * first.  When both are sorted, the first keeps a list of sorted runs (one
 * more for each state that does not continue its last run); the final
 * function merges them.
 */
static CmBuild *
cm_msg_combine(FunctionCallInfo fcinfo)
{
	MemoryContext aggcxt = cm_agg_context(fcinfo, "message_log_combine");
	CmBuild    *a = PG_ARGISNULL(0) ? NULL : (CmBuild *) PG_GETARG_POINTER(0);
	CmBuild    *b = PG_ARGISNULL(1) ? NULL : (CmBuild *) PG_GETARG_POINTER(1);
	int64		base;
	bool		continues;
	int			r;

	if (b == NULL || b->n == 0)
		return a;
	if (a == NULL)
		a = cm_build_new(aggcxt, sizeof(CmMsg), CM_MAX_MESSAGES);
	base = a->n;
	continues = base == 0 ||
		cm_msg_cmp_inline((const CmMsg *) a->recs + (base - 1),
						  (const CmMsg *) b->recs) <= 0;
	cm_build_reserve(a, b->n);
	memcpy(a->recs + base * sizeof(CmMsg), b->recs, b->n * sizeof(CmMsg));
	a->n += b->n;
	if (!a->sorted || !b->sorted)
	{
		a->sorted = false;
		return a;
	}
	/* b's runs after a's; b's first run may continue a's last one */
	for (r = continues ? 1 : 0; r < b->nruns; r++)
	{
		if (a->nruns == CM_MAX_RUNS)
		{
			a->sorted = false;	/* too many: the final function sorts */
			break;
		}
		a->runs[a->nruns++] = base + b->runs[r];
	}
	return a;
}

/*
 * Write the records of a state in log order to out: copy one run, merge a
 * few, sort anything else.
 */
static void
cm_emit_sorted(const CmBuild *b, CmMsg *out)
{
	const CmMsg *in = (const CmMsg *) b->recs;
	int64		pos[CM_MAX_RUNS],
				end[CM_MAX_RUNS],
				k;
	int			nr,
				r;

	if (b->n == 0)
		return;
	if (!b->sorted)
	{
		cm_sort_into(in, b->n, out);
		return;
	}
	if (b->nruns == 1)
	{
		memcpy(out, in, b->n * sizeof(CmMsg));
		return;
	}
	/* k-way merge; ties between runs are identical records (total order) */
	nr = b->nruns;
	for (r = 0; r < nr; r++)
	{
		pos[r] = b->runs[r];
		end[r] = (r + 1 < nr) ? b->runs[r + 1] : b->n;
	}
	for (k = 0; k < b->n; k++)
	{
		int			best = -1;

		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		for (r = 0; r < nr; r++)
			if (pos[r] < end[r] &&
				(best < 0 || cm_msg_cmp_inline(&in[pos[r]], &in[pos[best]]) < 0))
				best = r;
		out[k] = in[pos[best]++];
	}
}

/* combine of contact_event_log: append the records of the second state to the first */
static CmBuild *
cm_build_combine(FunctionCallInfo fcinfo, Size elemsize, int64 max)
{
	MemoryContext aggcxt = cm_agg_context(fcinfo, "smskpi log combine");
	CmBuild    *a = PG_ARGISNULL(0) ? NULL : (CmBuild *) PG_GETARG_POINTER(0);
	CmBuild    *b = PG_ARGISNULL(1) ? NULL : (CmBuild *) PG_GETARG_POINTER(1);

	if (b == NULL || b->n == 0)
		return a;
	if (a == NULL)
		a = cm_build_new(aggcxt, elemsize, max);
	cm_build_reserve(a, b->n);
	memcpy(a->recs + a->n * elemsize, b->recs, b->n * elemsize);
	a->n += b->n;
	return a;
}

/* message_log_combine(internal, internal) returns both states' messages in the first. */
PG_FUNCTION_INFO_V1(smskpi_message_log_combine);
Datum
smskpi_message_log_combine(PG_FUNCTION_ARGS)
{
	CmBuild    *r = cm_msg_combine(fcinfo);

	if (r == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(r);
}

static bytea *
cm_log_bytes(uint32 magic, uint16 flags, int64 count, Size elemsize, char **recs)
{
	Size		len = CM_HEADER_SIZE + count * elemsize;
	bytea	   *out = palloc_extended(len, MCXT_ALLOC_HUGE);
	CmLogHeader hdr;

	Assert(len <= MaxAllocSize);
	SET_VARSIZE(&hdr, len);
	hdr.magic = magic;
	hdr.version = CM_FORMAT_VERSION;
	hdr.flags = flags;
	hdr.count = (uint32) count;
	memcpy(out, &hdr, CM_HEADER_SIZE);
	*recs = (char *) out + CM_HEADER_SIZE;
	return out;
}

/* serialize of contact_event_log: the records as they are, unsorted */
static bytea *
cm_build_serialize(CmBuild *b, uint32 magic)
{
	char	   *recs;
	bytea	   *out = cm_log_bytes(magic, CM_LOG_PARTIAL, b->n, b->elemsize, &recs);

	memcpy(recs, b->recs, b->n * b->elemsize);
	return out;
}

/*
 * message_log_serialize(internal) returns the partial state as bytea, its
 * records in log order (the sort runs in the parallel workers; the leader
 * only merges).
 */
PG_FUNCTION_INFO_V1(smskpi_message_log_serialize);
Datum
smskpi_message_log_serialize(PG_FUNCTION_ARGS)
{
	CmBuild    *b = (CmBuild *) PG_GETARG_POINTER(0);
	char	   *recs;
	bytea	   *out = cm_log_bytes(CM_LOG_MAGIC, CM_LOG_PARTIAL | CM_LOG_SORTED,
								   b->n, sizeof(CmMsg), &recs);

	cm_emit_sorted(b, (CmMsg *) recs);
	PG_RETURN_BYTEA_P(out);
}

/* message_log_deserialize(bytea, internal) returns a partial state, every record checked. */
PG_FUNCTION_INFO_V1(smskpi_message_log_deserialize);
Datum
smskpi_message_log_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_P(0);
	int64		n,
				i;
	uint16		flags;
	const CmMsg *m;
	CmBuild    *b;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "message_log_deserialize called in non-aggregate context");
	m = (const CmMsg *) cm_check_header(in, CM_LOG_MAGIC, sizeof(CmMsg),
										"message log", false, &n, &flags);
	for (i = 0; i < n; i++)
	{
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		cm_check_msg(&m[i]);
		if ((flags & CM_LOG_SORTED) && i > 0 && cm_msg_cmp_inline(&m[i - 1], &m[i]) > 0)
			cm_bad_log("message log", "The records are not in order.");
	}

	/*
	 * The state reads the records in place: combine (its only user) copies
	 * them into the aggregate's context and never changes them.
	 */
	b = palloc0(sizeof(CmBuild));
	b->cxt = CurrentMemoryContext;
	b->elemsize = sizeof(CmMsg);
	b->max = CM_MAX_MESSAGES;
	b->n = b->cap = n;
	b->recs = (char *) m;
	b->sorted = (flags & CM_LOG_SORTED) != 0;
	b->nruns = 1;
	b->runs[0] = 0;
	b->borrowed = true;
	PG_RETURN_POINTER(b);
}

/* 64-bit finalizer of splitmix64 */
static inline uint32
cm_hash64(uint64 x)
{
	x ^= x >> 30;
	x *= UINT64CONST(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64CONST(0x94d049bb133111eb);
	x ^= x >> 31;
	return (uint32) x;
}

typedef struct CmGroupEnt
{
	int64		key;
	uint32		group;
	char		status;
} CmGroupEnt;

#define SH_PREFIX cmgrp
#define SH_ELEMENT_TYPE CmGroupEnt
#define SH_KEY_TYPE int64
#define SH_KEY key
#define SH_HASH_KEY(tb, key) cm_hash64((uint64) (key))
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

typedef struct CmGroup
{
	int64		key;
	uint32		id;
} CmGroup;

/* cm_sort_groups(CmGroup *, size_t): groups by contact_id */
#define ST_SORT cm_sort_groups
#define ST_ELEMENT_TYPE CmGroup
#define ST_COMPARE(a, b) (((a)->key > (b)->key) - ((a)->key < (b)->key))
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

#define CM_BUCKETS			1024

/*
 * Place n messages from in[] into out[] in log order, given each record's
 * key: the rank of its contact (keys[i], or contact_id - lo when keys is
 * NULL), nkeys ranks in all.  A counting sort in two levels, so that no
 * record is written to a random place in a large array (a cache miss per
 * record): a scatter into at most CM_BUCKETS buckets of consecutive keys
 * (one sequential write stream per bucket), then each bucket, small enough
 * to stay in cache, counting-sorted by the rest of the key; last, each
 * contact's few records are sorted on their own.
 */
static void
cm_place_by_key(const CmMsg *in, const uint32 *keys, int64 lo, int64 n,
				uint64 nkeys, CmMsg *out)
{
	int			shift = 0;
	int64		nb,
				maxb = 0,
				i;
	int64		bstart[CM_BUCKETS + 1];
	int64		cur[CM_BUCKETS];
	uint32	   *kout = NULL;
	uint32	   *kscr = NULL;
	uint32	   *sub;
	uint32		mask;
	CmMsg	   *scratch;

#define CM_KEY(k, m, idx) ((k) ? (k)[idx] : (uint32) ((uint64) (m)->contact_id - (uint64) lo))

	if (n == 0)
		return;
	while (((nkeys - 1) >> shift) + 1 > CM_BUCKETS)
		shift++;
	nb = (int64) ((nkeys - 1) >> shift) + 1;
	mask = (uint32) ((((uint64) 1) << shift) - 1);
	memset(bstart, 0, sizeof(bstart));
	for (i = 0; i < n; i++)
		bstart[(CM_KEY(keys, &in[i], i) >> shift) + 1]++;
	for (i = 1; i <= nb; i++)
	{
		maxb = Max(maxb, bstart[i]);
		bstart[i] += bstart[i - 1];
	}
	memcpy(cur, bstart, sizeof(int64) * nb);
	if (keys)
		kout = palloc_extended(n * sizeof(uint32), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		uint32		k = CM_KEY(keys, &in[i], i);
		int64		p = cur[k >> shift]++;

		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		out[p] = in[i];
		if (keys)
			kout[p] = k;
	}

	scratch = palloc_extended(maxb * sizeof(CmMsg), MCXT_ALLOC_HUGE);
	if (keys)
		kscr = palloc_extended(maxb * sizeof(uint32), MCXT_ALLOC_HUGE);
	sub = palloc_extended(((Size) mask + 2) * sizeof(uint32), MCXT_ALLOC_HUGE);
	for (int64 b = 0; b < nb; b++)
	{
		int64		bs = bstart[b],
					m = bstart[b + 1] - bs;
		CmMsg	   *dst = out + bs;

		CHECK_FOR_INTERRUPTS();
		if (m < 2)
			continue;
		memcpy(scratch, dst, m * sizeof(CmMsg));
		if (keys)
			memcpy(kscr, kout + bs, m * sizeof(uint32));
		memset(sub, 0, ((Size) mask + 2) * sizeof(uint32));
		for (int64 j = 0; j < m; j++)
			sub[(CM_KEY(kscr, &scratch[j], j) & mask) + 1]++;
		for (uint64 k = 1; k <= (uint64) mask + 1; k++)
			sub[k] += sub[k - 1];
		for (int64 j = 0; j < m; j++)
			dst[sub[CM_KEY(kscr, &scratch[j], j) & mask]++] = scratch[j];
		/* sub[k] is now the end of key k's records */
		for (uint64 k = 0; k <= (uint64) mask; k++)
		{
			uint32		beg = k == 0 ? 0 : sub[k - 1];

			if (sub[k] - beg > 1)
				cm_sort_msgs(dst + beg, sub[k] - beg);
		}
	}
#undef CM_KEY
	pfree(sub);
	pfree(scratch);
	if (keys)
	{
		pfree(kscr);
		pfree(kout);
	}
}

/*
 * Sort n messages from in[] into sorted[] (log order) without sorting the
 * whole array, for contact ids spread over a wide range: hash contacts to
 * groups, number the groups in contact_id order, and place the records by
 * that rank (cm_place_by_key).
 */
static void
cm_sort_hashed(const CmMsg *in, int64 n, CmMsg *sorted)
{
	uint32	   *gid;
	uint32	   *rank;
	CmGroup    *groups;
	int64		ngroups = 0,
				gcap = 1024,
				i;
	int64		prev_key = 0;
	uint32		prev_gid = PG_UINT32_MAX;
	cmgrp_hash *h;

	if (n == 0)
		return;

	/* group id of every record, groups numbered as first seen */
	gid = palloc_extended(n * sizeof(uint32), MCXT_ALLOC_HUGE);
	groups = palloc_extended(gcap * sizeof(CmGroup), MCXT_ALLOC_HUGE);
	h = cmgrp_create(CurrentMemoryContext, 1024, NULL);
	for (i = 0; i < n; i++)
	{
		bool		found;
		CmGroupEnt *e;

		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		if (in[i].contact_id == prev_key && prev_gid != PG_UINT32_MAX)
		{
			gid[i] = prev_gid;
			continue;
		}
		e = cmgrp_insert(h, in[i].contact_id, &found);
		if (!found)
		{
			if (ngroups == gcap)
			{
				gcap *= 2;
				groups = repalloc_huge(groups, gcap * sizeof(CmGroup));
			}
			e->group = (uint32) ngroups;
			groups[ngroups].key = in[i].contact_id;
			groups[ngroups].id = (uint32) ngroups;
			ngroups++;
		}
		gid[i] = prev_gid = e->group;
		prev_key = in[i].contact_id;
	}
	cmgrp_destroy(h);

	/* renumber the groups in contact_id order */
	cm_sort_groups(groups, ngroups);
	rank = palloc_extended(ngroups * sizeof(uint32), MCXT_ALLOC_HUGE);
	for (i = 0; i < ngroups; i++)
		rank[groups[i].id] = (uint32) i;
	pfree(groups);

	for (i = 0; i < n; i++)
		gid[i] = rank[gid[i]];
	pfree(rank);
	cm_place_by_key(in, gid, 0, n, (uint64) ngroups, sorted);
	pfree(gid);
}

/* contact id ranges up to this many values are counted in a plain array */
#define CM_DENSE_MAX		((int64) 1 << 26)

/*
 * Sort n messages from in[] into sorted[] (log order).  When the contact ids
 * lie in a range no wider than 4 values per message (serial ids usually do),
 * the contact id itself is the key of cm_place_by_key (no hashing, no sort
 * of the contacts); otherwise cm_sort_hashed ranks the contacts first.
 */
static void
cm_sort_into(const CmMsg *in, int64 n, CmMsg *sorted)
{
	int64		lo,
				hi,
				i;
	uint64		range;

	if (n == 0)
		return;
	lo = hi = in[0].contact_id;
	for (i = 1; i < n; i++)
	{
		lo = Min(lo, in[i].contact_id);
		hi = Max(hi, in[i].contact_id);
	}
	range = (uint64) hi - (uint64) lo + 1;	/* 0 when hi - lo wraps around */
	if (range == 0 || range > (uint64) CM_DENSE_MAX ||
		range > (uint64) Max(4 * n, 1024))
	{
		cm_sort_hashed(in, n, sorted);
		return;
	}

	cm_place_by_key(in, NULL, lo, n, range, sorted);
}

/* message_log_final(internal) returns the finished, sorted message log (never NULL). */
PG_FUNCTION_INFO_V1(smskpi_message_log_final);
Datum
smskpi_message_log_final(PG_FUNCTION_ARGS)
{
	CmBuild    *b = PG_ARGISNULL(0) ? NULL : (CmBuild *) PG_GETARG_POINTER(0);
	int64		n = b ? b->n : 0;
	char	   *recs;
	bytea	   *out = cm_log_bytes(CM_LOG_MAGIC, CM_LOG_SORTED, n, sizeof(CmMsg), &recs);

	if (n > 0)
		cm_emit_sorted(b, (CmMsg *) recs);
	PG_RETURN_BYTEA_P(out);
}

/* ---------------------------------------------------------------------
 * smskpi.contact_event_log(contact_id, at)
 * ---------------------------------------------------------------------
 */

/* contact_event_log_sfunc(internal, bigint, timestamptz) returns the state with one more event. */
PG_FUNCTION_INFO_V1(smskpi_contact_event_log_sfunc);
Datum
smskpi_contact_event_log_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = cm_agg_context(fcinfo, "contact_event_log_sfunc");
	CmBuild    *b = PG_ARGISNULL(0) ? NULL : (CmBuild *) PG_GETARG_POINTER(0);
	CmEvent		e;

	if (b == NULL)
		b = cm_build_new(aggcxt, sizeof(CmEvent), CM_MAX_EVENTS);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(b);
	e.contact_id = PG_GETARG_INT64(1);
	e.at = PG_GETARG_TIMESTAMPTZ(2);
	cm_build_reserve(b, 1);
	memcpy(b->recs + b->n * sizeof(CmEvent), &e, sizeof(CmEvent));
	b->n++;
	PG_RETURN_POINTER(b);
}

/* contact_event_log_combine(internal, internal) returns both states' events in the first. */
PG_FUNCTION_INFO_V1(smskpi_contact_event_log_combine);
Datum
smskpi_contact_event_log_combine(PG_FUNCTION_ARGS)
{
	CmBuild    *r = cm_build_combine(fcinfo, sizeof(CmEvent), CM_MAX_EVENTS);

	if (r == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(r);
}

/* contact_event_log_serialize(internal) returns the partial state as bytea. */
PG_FUNCTION_INFO_V1(smskpi_contact_event_log_serialize);
Datum
smskpi_contact_event_log_serialize(PG_FUNCTION_ARGS)
{
	CmBuild    *b = (CmBuild *) PG_GETARG_POINTER(0);

	PG_RETURN_BYTEA_P(cm_build_serialize(b, CM_EVENTS_MAGIC));
}

/* contact_event_log_deserialize(bytea, internal) returns a partial state, lengths checked. */
PG_FUNCTION_INFO_V1(smskpi_contact_event_log_deserialize);
Datum
smskpi_contact_event_log_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_P(0);
	int64		n;
	const CmEvent *e;
	CmBuild    *b;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "contact_event_log_deserialize called in non-aggregate context");
	e = (const CmEvent *) cm_check_header(in, CM_EVENTS_MAGIC, sizeof(CmEvent),
										  "contact event log", false, &n, NULL);
	b = cm_build_new(CurrentMemoryContext, sizeof(CmEvent), CM_MAX_EVENTS);
	cm_build_reserve(b, n);
	memcpy(b->recs, e, n * sizeof(CmEvent));
	b->n = n;
	PG_RETURN_POINTER(b);
}

/* contact_event_log_final(internal) returns the sorted contact event log (never NULL). */
PG_FUNCTION_INFO_V1(smskpi_contact_event_log_final);
Datum
smskpi_contact_event_log_final(PG_FUNCTION_ARGS)
{
	CmBuild    *b = PG_ARGISNULL(0) ? NULL : (CmBuild *) PG_GETARG_POINTER(0);
	int64		n = b ? b->n : 0;
	char	   *recs;
	bytea	   *out = cm_log_bytes(CM_EVENTS_MAGIC, CM_LOG_SORTED, n, sizeof(CmEvent), &recs);

	if (n > 0)
	{
		memcpy(recs, b->recs, n * sizeof(CmEvent));
		qsort(recs, n, sizeof(CmEvent), cm_event_cmp);
	}
	PG_RETURN_BYTEA_P(out);
}
