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
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "campaign.h"
#include "intent.h"
#include "sentiment.h"
#include "unicode.h"


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


static int
cm_event_cmp(const void *pa, const void *pb)
{
	const CmEvent *a = pa;
	const CmEvent *b = pb;

	CMP(a->contact_id, b->contact_id);
	CMP(a->at, b->at);
	return 0;
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
		cm_check_msg(&m[i], "message log");
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
cm_window_arg(FunctionCallInfo fcinfo, int argno, const char *argname)
{
	Interval   *w;
	int64		usec;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return CM_NO_WINDOW;
	w = PG_GETARG_INTERVAL_P(argno);
	if (w->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not contain months or years", argname),
				 errhint("Write the window in days, hours or minutes, e.g. interval '30 days'.")));
	if (pg_mul_s64_overflow((int64) w->day, USECS_PER_DAY, &usec) ||
		pg_add_s64_overflow(usec, w->time, &usec))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range", argname)));
	if (usec <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be positive", argname),
				 errhint("Pass NULL for no window.")));
	return usec;
}

void
cm_init_srf(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, (rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) &&
								 rsinfo->expectedDesc != NULL) ? MAT_SRF_USE_EXPECTED_DESC : 0);
}

int32
cm_first_position_arg(FunctionCallInfo fcinfo, int argno)
{
	int32		first;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return 1;
	first = PG_GETARG_INT32(argno);
	if (first < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("first_position must be at least 1")));
	return first;
}

void
cm_check_first_position(int32 first, const CmLog *log)
{
	int64		nout = 0;

	if (first == 1)
		return;					/* a log holds fewer than PG_INT32_MAX messages */
	for (int64 i = 0; i < log->n; i++)
		nout += (log->msgs[i].flags & CM_OUTBOUND) != 0;
	if (nout > 0 && (int64) first - 1 + nout > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("first_position %d leaves no room for the contact's " INT64_FORMAT " outbound messages",
						first, nout),
				 errdetail("Positions are integers, at most %d.", PG_INT32_MAX)));
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

/* message_log_sfunc(...) returns the state with one more message appended. */
PG_FUNCTION_INFO_V1(smskpi_message_log_sfunc);
Datum
smskpi_message_log_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = cm_agg_context(fcinfo, "message_log_sfunc");
	CmBuild    *b = PG_ARGISNULL(0) ? NULL : (CmBuild *) PG_GETARG_POINTER(0);
	CmMsg		m;

	if (b == NULL)
		b = cm_build_new(aggcxt, sizeof(CmMsg), CM_MAX_MESSAGES);
	if (b->memo == NULL)
		b->memo = cm_memo_create(b->cxt);
	if (!cm_msg_from_args(fcinfo, 1, b->memo, &m))
		PG_RETURN_POINTER(b);

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
		cm_check_msg(&m[i], "message log");
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
