/*-------------------------------------------------------------------------
 *
 * response_state.c
 *	  The smskpi.response_state type: the log-structured transition state
 *	  of the response-time aggregates (response_time.c), flat or expanded.
 *	  See response_state.h for the layout; I/O is in response_state_io.c.
 *
 *	  What one conversation costs: a 32-byte RsEntry, plus 8 bytes per
 *	  stored message (first response: outbound messages earlier than the
 *	  conversation's first inbound one; reply time: every message), plus,
 *	  for keys of pass-by-reference types, the key bytes and 4.  While
 *	  rows stream in, the log adds up to 24 bytes per row for at most as
 *	  many rows as the compacted part holds items.
 *
 *	  Memory ownership.  A group's state starts flat: the transition
 *	  function appends to its log in place and, when the log is full,
 *	  merges it into a new flat state (copied back in place when the size
 *	  did not change), which nodeAgg copies into the aggregate context.
 *	  Once a flat state reaches RS_EXPAND_BYTES, the merge builds an
 *	  expanded object instead, in its own memory context under the
 *	  aggregate context; from then on every row and every combine changes
 *	  it in place and returns the same read-write pointer, so nodeAgg
 *	  neither copies nor frees it, and merges write into a second set of
 *	  compacted arrays that is kept and reused (ping-pong) instead of
 *	  asking the kernel for fresh pages.  Millions of small groups (e.g. one
 *	  per conversation) stay flat and cost no memory context each.  When
 *	  the state leaves the aggregate (a parallel worker's partial result, a
 *	  stored value, output) it is compacted in place and flattened.
 *
 *	  Combining (response_state_merge, parallel plans, Citus) appends the
 *	  other state's conversations to the log as rows, so that merging many
 *	  states costs about what building one from their rows does (see
 *	  "Combining" below).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "response_state.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#define RS_MIN_LOG		8

/* flat states this large become expanded at their next merge */
#define RS_EXPAND_BYTES (128 * 1024)

/*
 * Fill *key from a (non-null) datum of the key type.  Pass-by-reference
 * keys point into the datum: for varlena keys the caller has detoasted it.
 */
void
rs_key_from_datum(RsKey *key, int keykind, int16 keylen, Datum d)
{
	key->value = 0;
	key->bytes = NULL;
	key->len = 0;
	switch (keykind)
	{
		case RS_KEY_NONE:
			key->hash = 0;
			break;
		case RS_KEY_BYVAL:
			switch (keylen)
			{
				case 1:
					key->value = (uint64) DatumGetUInt8(d);
					break;
				case 2:
					key->value = (uint64) DatumGetUInt16(d);
					break;
				case 4:
					key->value = (uint64) DatumGetUInt32(d);
					break;
				default:
					key->value = (uint64) DatumGetInt64(d);
					break;
			}
			key->hash = rs_hash64(key->value);
			break;
		default:
			if (keylen == -1)
			{
				key->bytes = VARDATA_ANY(DatumGetPointer(d));
				key->len = VARSIZE_ANY_EXHDR(DatumGetPointer(d));
			}
			else if (keylen == -2)
			{
				key->bytes = DatumGetCString(d);
				key->len = strlen(key->bytes);
			}
			else
			{
				key->bytes = DatumGetPointer(d);
				key->len = keylen;
			}
			key->hash = hash_bytes((const unsigned char *) key->bytes, key->len);
			break;
	}
}

void
rs_too_big(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("smskpi response-time state would exceed 1 GB"),
			 errdetail("One group holds too many conversations or messages (about 30 million conversations at most)."),
			 errhint("Aggregate over smaller groups (e.g. per day or per agent) and merge them with smskpi.response_state_merge().")));
}

/* ----------------------------------------------------------------------
 * Flat states
 * ----------------------------------------------------------------------
 */
typedef struct RsLayout
{
	int64		entries_off;
	int64		events_off;
	int64		arena_off;
	int64		log_off;
	int64		log_arena_off;
	int64		total;
} RsLayout;

static void
rs_layout(RsLayout *l, const RsOpts *opts, int64 ne, int64 nev, int64 na,
		  int64 log_cap, int64 log_arena_cap)
{
	int64		off = MAXALIGN(sizeof(ResponseState)) +
		MAXALIGN(RS_OPTS_SIZE(opts->nwindows, opts->bh_len));

	l->entries_off = off;
	off += MAXALIGN(ne * sizeof(RsEntry));
	l->events_off = off;
	off += MAXALIGN(nev * sizeof(int64));
	l->arena_off = off;
	off += MAXALIGN(na);
	l->log_off = off;
	off += MAXALIGN(log_cap * sizeof(RsLogRow));
	l->log_arena_off = off;
	off += MAXALIGN(log_arena_cap);
	l->total = off;
}

/* Fill the header and the options of a flat state laid out as l. */
static void
rs_init_header(ResponseState *s, const RsParts *like, const RsLayout *l,
			   int64 ne, int64 nev, int64 na, int64 log_cap, int64 log_arena_cap)
{
	const RsOpts *opts = like->opts;
	int64		opts_len = RS_OPTS_SIZE(opts->nwindows, opts->bh_len);

	memset(s, 0, MAXALIGN(sizeof(ResponseState)));
	SET_VARSIZE(s, l->total);
	s->magic = RS_MAGIC;
	s->kind = like->kind;
	s->keykind = like->keykind;
	s->keylen = like->keylen;
	s->keytype = like->keytype;
	s->nentries = ne;
	s->nevents = nev;
	s->arena_used = na;
	s->log_cap = log_cap;
	s->log_arena_cap = log_arena_cap;
	s->opts_off = MAXALIGN(sizeof(ResponseState));
	s->entries_off = l->entries_off;
	s->events_off = l->events_off;
	s->arena_off = l->arena_off;
	s->log_off = l->log_off;
	s->log_arena_off = l->log_arena_off;
	memset(RS_OPTS(s), 0, MAXALIGN(opts_len));
	memcpy(RS_OPTS(s), opts, offsetof(RsOpts, windows) + sizeof(int64) * opts->nwindows);
	if (opts->bh_len > 0)
		memcpy(RS_OPTS_BH_RAW(RS_OPTS(s)), RS_OPTS_BH_RAW(opts), opts->bh_len);
}

/* An empty flat state. */
ResponseState *
rs_create(int kind, int keykind, int16 keylen, Oid keytype, const RsOpts *opts)
{
	RsParts		like;
	RsLayout	l;
	int64		log_arena_cap = keykind == RS_KEY_BYTES ? 256 : 0;
	ResponseState *s;

	memset(&like, 0, sizeof(like));
	like.kind = kind;
	like.keykind = keykind;
	like.keylen = keylen;
	like.keytype = keytype;
	like.opts = opts;
	rs_layout(&l, opts, 0, 0, 0, RS_MIN_LOG, log_arena_cap);
	s = (ResponseState *) palloc0(l.total);
	rs_init_header(s, &like, &l, 0, 0, 0, RS_MIN_LOG, log_arena_cap);
	return s;
}

void
rs_parts_flat(const ResponseState *s, RsParts *p)
{
	p->kind = s->kind;
	p->keykind = s->keykind;
	p->keylen = s->keylen;
	p->keytype = s->keytype;
	p->opts = RS_OPTS(s);
	p->entries = RS_ENTRIES(s);
	p->nentries = s->nentries;
	p->events = RS_EVENTS(s);
	p->nevents = s->nevents;
	p->arena = RS_ARENA(s);
	p->arena_used = s->arena_used;
	p->log = RS_LOG(s);
	p->nlog = s->nlog;
	p->log_arena = RS_LOG_ARENA(s);
	p->log_arena_used = s->log_arena_used;
}

/* ----------------------------------------------------------------------
 * Sorting log rows by (hash, key)
 *
 * During a merge the rows' pass-by-reference keys are absolute pointers to
 * an int32 length followed by the bytes, like arena entries.
 * ----------------------------------------------------------------------
 */
static inline int
rs_key_cmp(int keykind, uint64 a, uint64 b)
{
	if (keykind != RS_KEY_BYTES)
		return a < b ? -1 : a > b;
	else
	{
		const char *pa = (const char *) (uintptr_t) a;
		const char *pb = (const char *) (uintptr_t) b;
		int32		la,
					lb;

		memcpy(&la, pa, sizeof(int32));
		memcpy(&lb, pb, sizeof(int32));
		if (la != lb)
			return la < lb ? -1 : 1;
		return memcmp(pa + sizeof(int32), pb + sizeof(int32), la);
	}
}

static int	rs_sort_keykind;

static int
rs_row_cmp(const void *a, const void *b)
{
	const RsLogRow *x = (const RsLogRow *) a;
	const RsLogRow *y = (const RsLogRow *) b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return rs_key_cmp(rs_sort_keykind, x->key, y->key);
}

/*
 * LSD radix sort of rows[0..n) by the low "bits" bits of the hash (8-bit
 * digits), using tmp (n rows) as the other buffer; passes where every row
 * has the same digit are skipped.  The result ends in rows.
 */
static void
rs_lsd_sort(RsLogRow *rows, RsLogRow *tmp, int64 n, int bits)
{
	RsLogRow   *src = rows;
	RsLogRow   *dst = tmp;

	for (int shift = 0; shift < bits; shift += 8)
	{
		int64		count[256] = {0};
		int64		sum = 0;
		bool		trivial = false;

		for (int64 i = 0; i < n; i++)
			count[(src[i].hash >> shift) & 0xFF]++;
		for (int d = 0; d < 256; d++)
		{
			int64		c = count[d];

			if (c == n)
				trivial = true;
			count[d] = sum;
			sum += c;
		}
		if (trivial)
			continue;
		for (int64 i = 0; i < n; i++)
			dst[count[(src[i].hash >> shift) & 0xFF]++] = src[i];
		{
			RsLogRow   *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != rows)
		memcpy(rows, src, sizeof(RsLogRow) * n);
}

/* a buffer of at least n rows: from the scratch, or else freshly allocated */
static RsLogRow *
rs_scratch_rows(RsScratch *sc, bool tmp, int64 n)
{
	RsLogRow  **buf;
	int64	   *cap;

	n = Max(n, 1);
	if (sc == NULL)
		return palloc_extended(sizeof(RsLogRow) * n, MCXT_ALLOC_HUGE);
	buf = tmp ? &sc->tmp : &sc->rows;
	cap = tmp ? &sc->tmp_cap : &sc->rows_cap;
	if (*cap < n)
	{
		if (*buf)
			pfree(*buf);
		*buf = NULL;			/* in case the allocation fails */
		*cap = 0;
		*buf = MemoryContextAllocExtended(sc->cxt, sizeof(RsLogRow) * (n + n / 2),
										  MCXT_ALLOC_HUGE);
		*cap = n + n / 2;
	}
	return *buf;
}

/*
 * Gather the log rows of a and b (b may be NULL) into rows[], sorted by
 * (hash, key), with pass-by-reference keys turned into absolute pointers.
 * One scatter pass by the top 8 bits of the hash, then each bucket (small
 * enough to stay in cache) sorted on the low 24 bits; last, runs of equal
 * hash are put in key order (collisions are rare).
 */
static void
rs_gather_sorted(const RsParts *a, const RsParts *b, RsLogRow *rows,
				 int keykind, RsScratch *sc)
{
	const RsParts *src[2] = {a, b};
	int64		count[256] = {0};
	int64		start[257];
	int64		n = 0,
				maxb = 0;
	RsLogRow   *tmp;

	for (int k = 0; k < 2; k++)
	{
		const RsLogRow *log;

		if (src[k] == NULL)
			continue;
		log = src[k]->log;
		for (int64 i = 0; i < src[k]->nlog; i++)
			count[log[i].hash >> 24]++;
	}
	for (int d = 0; d < 256; d++)
	{
		start[d] = n;
		n += count[d];
		maxb = Max(maxb, count[d]);
		count[d] = start[d];
	}
	start[256] = n;
	for (int k = 0; k < 2; k++)
	{
		const RsLogRow *log;
		const char *arena;

		if (src[k] == NULL)
			continue;
		log = src[k]->log;
		arena = src[k]->log_arena;
		for (int64 i = 0; i < src[k]->nlog; i++)
		{
			RsLogRow   *r = &rows[count[log[i].hash >> 24]++];

			*r = log[i];
			if (keykind == RS_KEY_BYTES)
				r->key = (uint64) (uintptr_t) (arena + log[i].key);
		}
	}
	CHECK_FOR_INTERRUPTS();
	if (keykind == RS_KEY_NONE || n < 2)
		return;					/* all hashes are 0 */

	tmp = rs_scratch_rows(sc, true, maxb);
	rs_sort_keykind = keykind;
	for (int d = 0; d < 256; d++)
	{
		RsLogRow   *r = rows + start[d];
		int64		m = start[d + 1] - start[d];

		if (m < 2)
			continue;
		if (m < 32)
			qsort(r, m, sizeof(RsLogRow), rs_row_cmp);
		else
			rs_lsd_sort(r, tmp, m, 24);
	}
	if (sc == NULL)
		pfree(tmp);

	for (int64 i = 0; i < n;)
	{
		int64		j = i + 1;
		bool		sorted = true;

		while (j < n && rows[j].hash == rows[i].hash)
		{
			if (sorted && rs_key_cmp(keykind, rows[j - 1].key, rows[j].key) > 0)
				sorted = false;
			j++;
		}
		if (!sorted)
			qsort(rows + i, j - i, sizeof(RsLogRow), rs_row_cmp);
		i = j;
	}
}

/* ----------------------------------------------------------------------
 * Merging: compacted parts of up to two states plus their logs -> new
 * compacted arrays
 * ----------------------------------------------------------------------
 */
typedef struct RsCursor
{
	const RsParts *s;
	const RsEntry *e;
	const int64 *ev;			/* events of the current entry */
	int64		i;
} RsCursor;

static inline bool
rs_cursor_valid(const RsCursor *c)
{
	return c->s != NULL && c->i < c->s->nentries;
}

static inline uint64
rs_cursor_key(const RsCursor *c)
{
	if (c->s->keykind == RS_KEY_BYTES)
		return (uint64) (uintptr_t) (c->s->arena + c->e->key);
	return c->e->key;
}

static inline void
rs_cursor_next(RsCursor *c)
{
	c->ev += c->e->nevents;
	c->e++;
	c->i++;
}

static void
rs_cursor_init(RsCursor *c, const RsParts *s)
{
	c->s = s;
	c->i = 0;
	if (s)
	{
		c->e = s->entries;
		c->ev = s->events;
	}
}

/*
 * Sort a conversation's stored times (few, and often in order already), so
 * that a compacted state is the same whatever order its rows and states
 * were merged in.
 */
static inline void
rs_sort_times(int64 *v, int32 n)
{
	if (n > 16)
	{
		qsort(v, n, sizeof(int64), rs_int64_cmp);
		return;
	}
	for (int32 i = 1; i < n; i++)
	{
		int64		x = v[i];
		int32		j = i;

		while (j > 0 && v[j - 1] > x)
		{
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Where a merge writes, and what it wrote. */
typedef struct RsOut
{
	RsEntry    *oe;
	int64	   *oev;
	char	   *oa;
	int64		ne;
	int64		nev;
	int64		na;
} RsOut;

/* The most entries, events and key bytes merging a and b can give. */
static void
rs_merge_bounds(const RsParts *a, const RsParts *b, int64 *entries,
				int64 *events, int64 *arena)
{
	int64		nrows = a->nlog + (b ? b->nlog : 0);

	*entries = a->nentries + (b ? b->nentries : 0) + nrows;
	*events = a->nevents + a->nentries + nrows +
		(b ? b->nevents + b->nentries : 0);
	*arena = a->arena_used + a->log_arena_used +
		(b ? b->arena_used + b->log_arena_used : 0);
}

/*
 * Merge the compacted parts of a and b (b may be NULL) with rows[0..nrows),
 * their log rows sorted by rs_gather_sorted, into out (room for the bounds
 * of rs_merge_bounds).
 */
static void
rs_merge_core(const RsParts *a, const RsParts *b, const RsLogRow *rows,
			  int64 nrows, RsOut *out)
{
	int			keykind = a->keykind;
	RsEntry    *oe = out->oe;
	int64	   *oev = out->oev;
	char	   *oa = out->oa;
	int64		ne = 0,
				nev = 0,
				na = 0;
	RsCursor	ca,
				cb;
	int64		r = 0;

	rs_cursor_init(&ca, a);
	rs_cursor_init(&cb, b);
	for (;;)
	{
		uint32		hash = 0;
		uint64		key = 0;
		bool		have = false;
		bool		in_a,
					in_b;
		int64		r_end;
		RsEntry    *e;
		TimestampTz first_in = RS_NO_TIME;

		/* the least (hash, key) among the three inputs */
		if (rs_cursor_valid(&ca))
		{
			hash = ca.e->hash;
			key = rs_cursor_key(&ca);
			have = true;
		}
		if (rs_cursor_valid(&cb) &&
			(!have || cb.e->hash < hash ||
			 (cb.e->hash == hash && rs_key_cmp(keykind, rs_cursor_key(&cb), key) < 0)))
		{
			hash = cb.e->hash;
			key = rs_cursor_key(&cb);
			have = true;
		}
		if (r < nrows &&
			(!have || rows[r].hash < hash ||
			 (rows[r].hash == hash && rs_key_cmp(keykind, rows[r].key, key) < 0)))
		{
			hash = rows[r].hash;
			key = rows[r].key;
			have = true;
		}
		if (!have)
			break;
		if ((ne & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();

		in_a = rs_cursor_valid(&ca) && ca.e->hash == hash &&
			rs_key_cmp(keykind, rs_cursor_key(&ca), key) == 0;
		in_b = rs_cursor_valid(&cb) && cb.e->hash == hash &&
			rs_key_cmp(keykind, rs_cursor_key(&cb), key) == 0;
		r_end = r;
		while (r_end < nrows && rows[r_end].hash == hash &&
			   rs_key_cmp(keykind, rows[r_end].key, key) == 0)
			r_end++;

		e = &oe[ne++];
		e->hash = hash;
		e->nevents = 0;
		if (keykind == RS_KEY_BYTES)
		{
			const char *p = (const char *) (uintptr_t) key;
			int32		len;

			memcpy(&len, p, sizeof(int32));
			memcpy(oa + na, p, sizeof(int32) + len);
			/* the alignment padding too: states are stored and shipped */
			memset(oa + na + sizeof(int32) + len, 0,
				   INTALIGN(sizeof(int32) + len) - (sizeof(int32) + len));
			e->key = na;
			na += INTALIGN(sizeof(int32) + len);
		}
		else
			e->key = key;

		/* first_in: the earliest inbound message of all inputs */
		if (in_a && ca.e->first_in < first_in)
			first_in = ca.e->first_in;
		if (in_b && cb.e->first_in < first_in)
			first_in = cb.e->first_in;
		for (int64 j = r; j < r_end; j++)
			if (rows[j].inbound && rows[j].ts < first_in)
				first_in = rows[j].ts;
		e->first_in = first_in;

		if (a->kind == RS_KIND_FIRST)
		{
			/*
			 * Every known outbound time is a candidate: the earliest at or
			 * after first_in is the answer, the earlier ones are kept.
			 * (Outbound times the inputs dropped were later than their own
			 * answer, which stays a candidate, so they never matter.)
			 */
			TimestampTz first_out = RS_NO_TIME;
			const RsCursor *cs[2] = {in_a ? &ca : NULL, in_b ? &cb : NULL};

#define RS_CANDIDATE(t) \
			do { \
				TimestampTz t_ = (t); \
				if (t_ >= first_in) \
				{ \
					if (t_ < first_out) \
						first_out = t_; \
				} \
				else \
				{ \
					oev[nev++] = t_; \
					e->nevents++; \
				} \
			} while (0)

			for (int k = 0; k < 2; k++)
			{
				const RsCursor *c = cs[k];

				if (c == NULL)
					continue;
				if (c->e->u.first_out != RS_NO_TIME)
					RS_CANDIDATE(c->e->u.first_out);
				for (int32 j = 0; j < c->e->nevents; j++)
					RS_CANDIDATE(c->ev[j]);
			}
			for (int64 j = r; j < r_end; j++)
				if (!rows[j].inbound)
					RS_CANDIDATE(rows[j].ts);
#undef RS_CANDIDATE
			e->u.first_out = first_out;
			rs_sort_times(oev + nev - e->nevents, e->nevents);
		}
		else
		{
			/* all messages: inbound ones first */
			const RsCursor *cs[2] = {in_a ? &ca : NULL, in_b ? &cb : NULL};
			int64		n_in = 0;

			for (int pass = 1; pass >= 0; pass--)
			{
				for (int k = 0; k < 2; k++)
				{
					const RsCursor *c = cs[k];
					int32		lo,
								hi;

					if (c == NULL)
						continue;
					lo = pass ? 0 : (int32) c->e->u.n_inbound;
					hi = pass ? (int32) c->e->u.n_inbound : c->e->nevents;
					for (int32 j = lo; j < hi; j++)
					{
						oev[nev++] = c->ev[j];
						e->nevents++;
						n_in += pass;
					}
				}
				for (int64 j = r; j < r_end; j++)
					if ((rows[j].inbound != 0) == (pass == 1))
					{
						oev[nev++] = rows[j].ts;
						e->nevents++;
						n_in += pass;
					}
			}
			e->u.n_inbound = n_in;
			rs_sort_times(oev + nev - e->nevents, (int32) n_in);
			rs_sort_times(oev + nev - e->nevents + n_in, e->nevents - (int32) n_in);
		}

		if (in_a)
			rs_cursor_next(&ca);
		if (in_b)
			rs_cursor_next(&cb);
		r = r_end;
	}
	out->ne = ne;
	out->nev = nev;
	out->na = na;
}

static int64
rs_log_cap_for(int64 nentries, int64 nevents)
{
	int64		cap = nentries + nevents;

	return Max(RS_MIN_LOG, Min(cap, (int64) (MaxAllocSize / 4 / sizeof(RsLogRow))));
}

/*
 * The log to give a state of ne entries, nev events and na key bytes
 * (compacted bytes in flat form): as many rows as it holds items (so
 * merging costs O(1) per row), but never more than the room left under
 * 1 GB, so that a group can grow until its compacted part alone fills the
 * limit.  *avg_key: the key bytes a row is expected to need.
 */
static void
rs_plan_log(const RsParts *like, int64 ne, int64 nev, int64 na, int64 compacted,
			int64 min_log, int64 min_log_arena,
			int64 *log_cap, int64 *log_arena_cap, int64 *avg_key)
{
	int64		room = (int64) MaxAllocSize - compacted - 1024;
	int64		ak = like->keykind == RS_KEY_BYTES ? Max(16, (ne > 0 ? na / ne : 0)) : 0;
	int64		cap;

	if (room < 65536 * (int64) (sizeof(RsLogRow) + ak))
		rs_too_big();			/* rather than merging 1 GB every few rows */
	cap = rs_log_cap_for(ne, nev);
	if (cap * (int64) (sizeof(RsLogRow) + ak) > room)
		cap = Max(RS_MIN_LOG, room / (int64) (sizeof(RsLogRow) + ak));
	cap = Max(min_log, cap);
	*log_cap = cap;
	*log_arena_cap = like->keykind == RS_KEY_BYTES ? Max(min_log_arena, cap * ak) : 0;
	*avg_key = ak;
}

/*
 * Merge a and b (b may be NULL) into a new flat state whose log has room
 * for at least min_log rows and min_log_arena key bytes.  With keep_size,
 * the result has exactly that size when it fits with a log of at least
 * half the usual size (the caller copies it back in place).
 */
static ResponseState *
rs_merge_flat(const RsParts *a, const RsParts *b, int64 min_log,
			  int64 min_log_arena, int64 keep_size, RsScratch *sc)
{
	int64		nrows = a->nlog + (b ? b->nlog : 0);
	int64		cap_entries,
				cap_events,
				cap_arena;
	RsLogRow   *rows;
	RsLayout	l;
	RsOut		o;
	ResponseState *out;
	int64		log_cap,
				log_arena_cap,
				avg_key,
				alloc,
				total;

	rs_merge_bounds(a, b, &cap_entries, &cap_events, &cap_arena);
	rows = rs_scratch_rows(sc, false, nrows);
	rs_gather_sorted(a, b, rows, a->keykind, sc);

	/*
	 * Write straight into the new state, laid out for the most entries,
	 * events and key bytes there can be, then close the gaps.  (Pages never
	 * written are never touched.)
	 */
	rs_layout(&l, a->opts, cap_entries, cap_events, cap_arena, 0, 0);
	if (l.total > (int64) MaxAllocHugeSize / 2)
		rs_too_big();
	alloc = l.total;
	out = (ResponseState *) palloc_extended(alloc, MCXT_ALLOC_HUGE);
	o.oe = (RsEntry *) ((char *) out + l.entries_off);
	o.oev = (int64 *) ((char *) out + l.events_off);
	o.oa = (char *) out + l.arena_off;
	rs_merge_core(a, b, rows, nrows, &o);
	if (sc == NULL)
		pfree(rows);

	/* the final layout, and the log */
	rs_layout(&l, a->opts, o.ne, o.nev, o.na, 0, 0);
	rs_plan_log(a, o.ne, o.nev, o.na, l.log_off, min_log, min_log_arena,
				&log_cap, &log_arena_cap, &avg_key);
	if (keep_size > 0)
	{
		int64		fit = (keep_size - l.log_off - (int64) MAXALIGN(min_log_arena) - 16) /
			(int64) (sizeof(RsLogRow) + avg_key);

		if (fit >= Max(min_log, log_cap / 2))
		{
			log_cap = Max(min_log, Min(fit, rs_log_cap_for(o.ne, o.nev) * 2));
			log_arena_cap = a->keykind == RS_KEY_BYTES ? Max(min_log_arena, log_cap * avg_key) : 0;
		}
		else
			keep_size = 0;
	}
	rs_layout(&l, a->opts, o.ne, o.nev, o.na, log_cap, log_arena_cap);
	total = l.total;
	if (keep_size > 0)
	{
		/* a fixed total size: the slack goes to the log's key arena */
		Assert(total <= keep_size);
		log_arena_cap += keep_size - total;
		total = keep_size;
	}
	if (total > (int64) MaxAllocSize)
		rs_too_big();

	/* destinations lie at or below their sources, events before the arena */
	memmove((char *) out + l.events_off, o.oev, o.nev * sizeof(int64));
	memmove((char *) out + l.arena_off, o.oa, o.na);
	if (total > alloc)
		out = repalloc_huge(out, total);
	l.total = total;
	rs_init_header(out, a, &l, o.ne, o.nev, o.na, log_cap, log_arena_cap);
	/* padding after the entries and the events, then everything after the arena */
	memset((char *) out + l.entries_off + o.ne * sizeof(RsEntry), 0,
		   l.events_off - l.entries_off - o.ne * sizeof(RsEntry));
	memset((char *) out + l.events_off + o.nev * sizeof(int64), 0,
		   l.arena_off - l.events_off - o.nev * sizeof(int64));
	memset((char *) out + l.arena_off + o.na, 0, total - l.arena_off - o.na);
	return out;
}

/* A flat state merging a and b (b may be NULL), its log empty. */
ResponseState *
rs_merge_parts(const RsParts *a, const RsParts *b)
{
	return rs_merge_flat(a, b, 0, 0, 0, NULL);
}

/* a key type's name for a message: a state may name a type dropped since */
static const char *
rs_key_type_name(const RsParts *p)
{
	if (p->keykind == RS_KEY_NONE)
		return "no";
	return format_type_extended(p->keytype, -1, FORMAT_TYPE_ALLOW_INVALID);
}

/*
 * States merge only when they are of the same kind, with keys of the same
 * type (not only of the same width: an integer and a date with the same
 * bytes are different conversations), and with the same options.
 */
static void
rs_check_compatible(const RsParts *a, const RsParts *b)
{
	if (a->kind != b->kind || a->keykind != b->keykind || a->keylen != b->keylen ||
		a->keytype != b->keytype)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine smskpi response-time states of different kinds"),
				 errdetail("One state is %s with %s keys, the other %s with %s keys.",
						   a->kind == RS_KIND_FIRST ? "first-response" : "reply-time",
						   rs_key_type_name(a),
						   b->kind == RS_KIND_FIRST ? "first-response" : "reply-time",
						   rs_key_type_name(b))));
	if (a->opts->bh_len != b->opts->bh_len ||
		memcmp(RS_OPTS_BH_RAW(a->opts), RS_OPTS_BH_RAW(b->opts), a->opts->bh_len) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine smskpi response-time states with different business hours")));
	if (a->opts->fraction != b->opts->fraction ||
		a->opts->nwindows != b->opts->nwindows ||
		memcmp(a->opts->windows, b->opts->windows, sizeof(int64) * a->opts->nwindows) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine smskpi response-time states with different percentile fractions or windows"),
				 errdetail("The options of a response-time aggregate must be the same for every row of a group.")));
}

/* The union of two flat states, as a new flat state. */
ResponseState *
rs_combine(const ResponseState *a, const ResponseState *b)
{
	RsParts		pa,
				pb;

	rs_parts_flat(a, &pa);
	rs_parts_flat(b, &pb);
	rs_check_compatible(&pa, &pb);
	return rs_merge_flat(&pa, &pb, RS_MIN_LOG, 0, 0, NULL);
}

/* ----------------------------------------------------------------------
 * Expanded states
 *
 * The parts are separate arrays in the object's memory context: the
 * compacted arrays, the log, and a second set of compacted arrays that
 * the next merge writes into, after which the two sets swap.
 * ----------------------------------------------------------------------
 */
typedef struct RsExpanded
{
	ExpandedObjectHeader hdr;
	RsParts		p;				/* counts, and views of the arrays below */
	RsOpts	   *opts;
	RsEntry    *entries;
	int64		entries_cap;
	int64	   *events;
	int64		events_cap;
	char	   *arena;
	int64		arena_cap;
	RsLogRow   *log;
	int64		log_cap;
	char	   *log_arena;
	int64		log_arena_cap;
	/* the other set of compacted arrays, which the next merge writes */
	RsEntry    *entries2;
	int64		entries2_cap;
	int64	   *events2;
	int64		events2_cap;
	char	   *arena2;
	int64		arena2_cap;
} RsExpanded;

static Size rs_exp_get_flat_size(ExpandedObjectHeader *eohptr);
static void rs_exp_flatten_into(ExpandedObjectHeader *eohptr, void *result,
								Size allocated_size);

static const ExpandedObjectMethods rs_exp_methods = {
	rs_exp_get_flat_size,
	rs_exp_flatten_into
};

/*
 * Make *buf (capacity *cap elements of size elem) hold at least n elements;
 * its contents are not kept.
 */
static void
rs_exp_reserve(RsExpanded *e, void **buf, int64 *cap, int64 n, Size elem)
{
	int64		want;

	if (*cap >= n && *buf != NULL)
		return;
	if (*buf)
		pfree(*buf);
	*buf = NULL;				/* in case the allocation fails */
	*cap = 0;
	want = Max(64, n + n / 4);
	*buf = MemoryContextAllocExtended(e->hdr.eoh_context, want * elem, MCXT_ALLOC_HUGE);
	*cap = want;
}

static void
rs_exp_sync(RsExpanded *e)
{
	e->p.opts = e->opts;
	e->p.entries = e->entries;
	e->p.events = e->events;
	e->p.arena = e->arena;
	e->p.log = e->log;
	e->p.log_arena = e->log_arena;
}

/* An empty expanded state like "like", in a new context under parent. */
static RsExpanded *
rs_exp_create(const RsParts *like, MemoryContext parent)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "smskpi response state",
											  ALLOCSET_SMALL_SIZES);
	RsExpanded *e = MemoryContextAllocZero(cxt, sizeof(RsExpanded));
	Size		opts_len = RS_OPTS_SIZE(like->opts->nwindows, like->opts->bh_len);

	EOH_init_header(&e->hdr, &rs_exp_methods, cxt);
	e->p.kind = like->kind;
	e->p.keykind = like->keykind;
	e->p.keylen = like->keylen;
	e->p.keytype = like->keytype;
	e->opts = MemoryContextAllocZero(cxt, opts_len);
	memcpy(e->opts, like->opts, opts_len);
	rs_exp_sync(e);
	return e;
}

/*
 * Replace e's content by the merge of a and b (views of any states, logs
 * included; a is usually &e->p, b may be NULL): written into the second
 * set of arrays, which then becomes the first.  The log is emptied and
 * given room for at least min_log rows and need_arena key bytes.
 */
static void
rs_exp_merge2(RsExpanded *e, const RsParts *a, const RsParts *b, int64 min_log,
			  int64 need_arena, RsScratch *sc)
{
	int64		nrows = a->nlog + (b ? b->nlog : 0);
	int64		cap_entries,
				cap_events,
				cap_arena;
	RsLogRow   *rows;
	RsOut		o;
	RsLayout	l;
	int64		log_cap,
				log_arena_cap,
				avg_key;

	rs_merge_bounds(a, b, &cap_entries, &cap_events, &cap_arena);
	rows = rs_scratch_rows(sc, false, nrows);
	rs_gather_sorted(a, b, rows, e->p.keykind, sc);
	rs_exp_reserve(e, (void **) &e->entries2, &e->entries2_cap, cap_entries, sizeof(RsEntry));
	rs_exp_reserve(e, (void **) &e->events2, &e->events2_cap, cap_events, sizeof(int64));
	rs_exp_reserve(e, (void **) &e->arena2, &e->arena2_cap, cap_arena, 1);
	o.oe = e->entries2;
	o.oev = e->events2;
	o.oa = e->arena2;
	rs_merge_core(a, b, rows, nrows, &o);
	if (sc == NULL)
		pfree(rows);

	/* swap the two sets */
	{
		RsEntry    *te = e->entries;
		int64	   *tv = e->events;
		char	   *ta = e->arena;
		int64		c;

		e->entries = e->entries2;
		e->entries2 = te;
		c = e->entries_cap;
		e->entries_cap = e->entries2_cap;
		e->entries2_cap = c;
		e->events = e->events2;
		e->events2 = tv;
		c = e->events_cap;
		e->events_cap = e->events2_cap;
		e->events2_cap = c;
		e->arena = e->arena2;
		e->arena2 = ta;
		c = e->arena_cap;
		e->arena_cap = e->arena2_cap;
		e->arena2_cap = c;
	}
	e->p.nentries = o.ne;
	e->p.nevents = o.nev;
	e->p.arena_used = o.na;
	e->p.nlog = 0;
	e->p.log_arena_used = 0;

	/* the same log, and the same 1 GB limit, as a flat state would get */
	rs_layout(&l, e->opts, o.ne, o.nev, o.na, 0, 0);
	rs_plan_log(&e->p, o.ne, o.nev, o.na, l.log_off, min_log, need_arena,
				&log_cap, &log_arena_cap, &avg_key);
	rs_exp_reserve(e, (void **) &e->log, &e->log_cap, log_cap, sizeof(RsLogRow));
	if (log_arena_cap > 0)
		rs_exp_reserve(e, (void **) &e->log_arena, &e->log_arena_cap, log_arena_cap, 1);
	rs_exp_sync(e);
}

/* Merge b (may be NULL) into e. */
static void
rs_exp_merge(RsExpanded *e, const RsParts *b, int64 need_arena, RsScratch *sc)
{
	rs_exp_merge2(e, &e->p, b, RS_MIN_LOG, need_arena, sc);
}

/* Merge e's log into its compacted arrays (the content stays the same). */
static void
rs_exp_compact(RsExpanded *e)
{
	if (e->p.nlog > 0)
		rs_exp_merge(e, NULL, 0, NULL);
}

/* Append one row to e's log, merging first when it is full. */
static void
rs_exp_add_row(RsExpanded *e, const RsKey *key, bool inbound, TimestampTz ts,
			   RsScratch *sc)
{
	RsLogRow   *row;
	int64		need = e->p.keykind == RS_KEY_BYTES ? INTALIGN(sizeof(int32) + key->len) : 0;

	if (e->p.nlog >= e->log_cap || e->p.log_arena_used + need > e->log_arena_cap)
	{
		if (need > MaxAllocSize / 4)
			rs_too_big();
		rs_exp_merge(e, NULL, need, sc);
	}
	row = &e->log[e->p.nlog++];
	row->hash = key->hash;
	row->ts = ts;
	row->inbound = inbound;
	if (e->p.keykind == RS_KEY_BYTES)
	{
		char	   *p = e->log_arena + e->p.log_arena_used;

		memcpy(p, &key->len, sizeof(int32));
		memcpy(p + sizeof(int32), key->bytes, key->len);
		row->key = e->p.log_arena_used;
		e->p.log_arena_used += need;
	}
	else
		row->key = key->value;
}

/* Flat size: the compacted content and an empty log of RS_MIN_LOG rows. */
static Size
rs_exp_get_flat_size(ExpandedObjectHeader *eohptr)
{
	RsExpanded *e = (RsExpanded *) eohptr;
	RsLayout	l;

	Assert(e->hdr.eoh_methods == &rs_exp_methods);
	rs_exp_compact(e);			/* same content, compacted */
	rs_layout(&l, e->opts, e->p.nentries, e->p.nevents, e->p.arena_used, RS_MIN_LOG, 0);
	if (l.total > (int64) MaxAllocSize)
		rs_too_big();
	return (Size) l.total;
}

static void
rs_exp_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	RsExpanded *e = (RsExpanded *) eohptr;
	ResponseState *s = (ResponseState *) result;
	const RsParts *p = &e->p;
	RsLayout	l;
	char	   *base = (char *) result;

	rs_exp_compact(e);
	rs_layout(&l, e->opts, p->nentries, p->nevents, p->arena_used, RS_MIN_LOG, 0);
	if ((Size) l.total != allocated_size)
		elog(ERROR, "smskpi response state: flat size changed");
	rs_init_header(s, p, &l, p->nentries, p->nevents, p->arena_used, RS_MIN_LOG, 0);
	memcpy(base + l.entries_off, p->entries, p->nentries * sizeof(RsEntry));
	memset(base + l.entries_off + p->nentries * sizeof(RsEntry), 0,
		   l.events_off - l.entries_off - p->nentries * sizeof(RsEntry));
	memcpy(base + l.events_off, p->events, p->nevents * sizeof(int64));
	memset(base + l.events_off + p->nevents * sizeof(int64), 0,
		   l.arena_off - l.events_off - p->nevents * sizeof(int64));
	memcpy(base + l.arena_off, p->arena, p->arena_used);
	memset(base + l.arena_off + p->arena_used, 0, l.total - l.arena_off - p->arena_used);
}

/* Is d a read-write pointer to an expanded response state (ours to change)? */
static inline RsExpanded *
rs_exp_rw(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &rs_exp_methods)
			return (RsExpanded *) eoh;
	}
	return NULL;
}

/* The expanded state d points to (read-only or read-write), or NULL if flat. */
static inline RsExpanded *
rs_exp_any(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods != &rs_exp_methods)
			elog(ERROR, "unexpected smskpi response-time state");
		return (RsExpanded *) eoh;
	}
	return NULL;
}

/* ----------------------------------------------------------------------
 * Datum-level API: what the aggregate support functions call
 * ----------------------------------------------------------------------
 */
static const ResponseState *
rs_flat_datum(Datum d)
{
	ResponseState *s = DatumGetResponseStateP(d);	/* flattens an expanded one */

	if (s->magic != RS_MAGIC)
		elog(ERROR, "unexpected smskpi response-time state");
	return s;
}

/* The options of any state datum (without copying an expanded one). */
const RsOpts *
rs_datum_opts(Datum d)
{
	RsExpanded *e = rs_exp_any(d);

	return e ? e->opts : RS_OPTS(rs_flat_datum(d));
}

void
rs_parts_datum(Datum d, RsParts *p)
{
	rs_parts_flat(rs_flat_datum(d), p);
}

void
rs_parts_compact(Datum d, RsParts *p)
{
	rs_parts_flat(rs_flat_datum(d), p);
	if (p->nlog > 0)
		rs_parts_flat(rs_merge_flat(p, NULL, 0, 0, 0, NULL), p);
}

/*
 * rs_walk over any state datum: an expanded one is compacted in place
 * (which changes its representation only, so a read-only pointer may) and
 * walked partition by partition.
 */
void
rs_walk_datum(Datum d, rs_turn_cb cb, void *arg, int64 *asked, int64 *unanswered)
{
	RsExpanded *e = rs_exp_any(d);
	RsParts		p;

	if (e == NULL)
	{
		rs_parts_compact(d, &p);
		rs_walk(&p, cb, arg, asked, unanswered);
		return;
	}
	rs_exp_compact(e);
	rs_walk(&e->p, cb, arg, asked, unanswered);
}

/*
 * Add one message to a state the caller owns (flat, or a read-write
 * expanded pointer) and return the state: the same datum, or a new one.
 * A flat state appends to its log in place; when the log is full it is
 * merged, into an expanded state (in aggcontext) if it is large.
 */
Datum
rs_add_message(Datum state, const RsKey *key, bool inbound, TimestampTz ts,
			   RsScratch *sc, MemoryContext aggcontext)
{
	RsExpanded *e = rs_exp_rw(state);
	ResponseState *s;
	RsLogRow   *row;
	int64		need;

	if (e != NULL)
	{
		rs_exp_add_row(e, key, inbound, ts, sc);
		return state;
	}
	s = (ResponseState *) DatumGetPointer(state);
	need = s->keykind == RS_KEY_BYTES ? INTALIGN(sizeof(int32) + key->len) : 0;
	if (s->nlog >= s->log_cap || s->log_arena_used + need > s->log_arena_cap)
	{
		RsParts		p;
		ResponseState *n;

		if (need > MaxAllocSize / 4)
			rs_too_big();
		rs_parts_flat(s, &p);
		if (aggcontext != NULL && VARSIZE(s) >= RS_EXPAND_BYTES)
		{
			e = rs_exp_create(&p, aggcontext);
			rs_exp_merge(e, &p, need, sc);
			rs_exp_add_row(e, key, inbound, ts, sc);
			return EOHPGetRWDatum(&e->hdr);
		}
		n = rs_merge_flat(&p, NULL, RS_MIN_LOG, need, VARSIZE(s), sc);
		if (VARSIZE(n) == VARSIZE(s))
		{
			/* same size: reuse our allocation (no new pages, no copy by nodeAgg) */
			memcpy(s, n, VARSIZE(n));
			pfree(n);
		}
		else
			s = n;
	}
	row = &RS_LOG(s)[s->nlog++];
	row->hash = key->hash;
	row->ts = ts;
	row->inbound = inbound;
	if (s->keykind == RS_KEY_BYTES)
	{
		char	   *p = RS_LOG_ARENA(s) + s->log_arena_used;

		memcpy(p, &key->len, sizeof(int32));
		memcpy(p + sizeof(int32), key->bytes, key->len);
		row->key = s->log_arena_used;
		s->log_arena_used += need;
	}
	else
		row->key = key->value;
	return PointerGetDatum(s);
}

/* ----------------------------------------------------------------------
 * Combining: a state appended to another's log
 *
 * Merging b's compacted part into a's every time would rewrite all of a
 * for each state combined into it: merging many small states (one per
 * conversation, per day, per agent) would be quadratic.  Instead b's
 * entries go into a's log as the rows they stand for (first response: the
 * first inbound message, the answer, the earlier outbound messages; reply
 * time: every message), with b's own log rows and its key bytes, and are
 * merged with the next log merge, which rows and states share: a log of
 * as many rows as the compacted part holds items, so every entry is
 * rewritten O(log n) times.  A b at least as large as a is merged with it
 * at once (that costs O(size of b)).  The rows give back exactly b's
 * entries when merged (the input functions rebuild states the same way),
 * and the compacted result does not depend on the order (rs_merge_core).
 * ----------------------------------------------------------------------
 */

/* The most log rows and key bytes that appending b takes. */
static void
rs_append_bounds(const RsParts *b, int64 *rows, int64 *arena)
{
	if (b->kind == RS_KIND_FIRST)
		*rows = b->nlog + 2 * b->nentries + b->nevents;
	else
		*rows = b->nlog + b->nevents;
	*arena = b->keykind == RS_KEY_BYTES ? b->arena_used + b->log_arena_used : 0;
}

/*
 * Append b's entries, as rows, and b's log rows to the log log[*nlog...]
 * with key bytes at log_arena[*log_arena_used...]; the caller has checked
 * the room (rs_append_bounds).
 */
static void
rs_append_rows(RsLogRow *log, int64 *nlog, char *log_arena, int64 *log_arena_used,
			   const RsParts *b)
{
	RsLogRow   *out = log + *nlog;
	bool		bytes = b->keykind == RS_KEY_BYTES;
	int64		kbase = bytes ? *log_arena_used : 0;
	const int64 *ev = b->events;

	if (bytes)
	{
		/* both arenas, keeping their (4-aligned) offsets relative */
		memcpy(log_arena + kbase, b->arena, b->arena_used);
		memcpy(log_arena + kbase + b->arena_used, b->log_arena, b->log_arena_used);
		*log_arena_used += b->arena_used + b->log_arena_used;
	}
	for (int64 i = 0; i < b->nentries; ev += b->entries[i].nevents, i++)
	{
		const RsEntry *e = &b->entries[i];
		uint64		key = bytes ? kbase + e->key : e->key;

#define RS_ROW(t, in) \
		do { \
			out->key = key; \
			out->hash = e->hash; \
			out->ts = (t); \
			out->inbound = (in); \
			out++; \
		} while (0)
		if (b->kind == RS_KIND_FIRST)
		{
			if (e->first_in != RS_NO_TIME)
				RS_ROW(e->first_in, 1);
			if (e->u.first_out != RS_NO_TIME)
				RS_ROW(e->u.first_out, 0);
			for (int32 j = 0; j < e->nevents; j++)
				RS_ROW(ev[j], 0);
		}
		else
		{
			for (int32 j = 0; j < e->nevents; j++)
				RS_ROW(ev[j], j < e->u.n_inbound);
		}
#undef RS_ROW
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	for (int64 j = 0; j < b->nlog; j++)
	{
		*out = b->log[j];
		if (bytes)
			out->key += kbase + b->arena_used;
		out++;
	}
	*nlog = out - log;
}

/* Combine b into e, changed in place. */
static void
rs_exp_combine(RsExpanded *e, const RsParts *b, RsScratch *sc)
{
	int64		rows,
				arena;

	rs_append_bounds(b, &rows, &arena);
	if (rows >= e->p.nentries + e->p.nevents + e->p.nlog)
	{
		rs_exp_merge2(e, &e->p, b, RS_MIN_LOG, 0, sc);
		return;
	}
	if (e->p.nlog + rows > e->log_cap || e->p.log_arena_used + arena > e->log_arena_cap)
		rs_exp_merge2(e, &e->p, NULL, rows, arena, sc);
	if (e->p.nlog + rows > e->log_cap || e->p.log_arena_used + arena > e->log_arena_cap)
		elog(ERROR, "smskpi response state: no room in the log");
	rs_append_rows(e->log, &e->p.nlog, e->log_arena, &e->p.log_arena_used, b);
}

/* Does b fit into the log of the flat state s? */
static inline bool
rs_flat_log_fits(const ResponseState *s, int64 rows, int64 arena)
{
	return s->nlog + rows <= s->log_cap && s->log_arena_used + arena <= s->log_arena_cap;
}

/* Append b to the log of the flat state s (room checked by the caller). */
static void
rs_flat_append(ResponseState *s, const RsParts *b)
{
	int64		nlog = s->nlog,
				used = s->log_arena_used;

	rs_append_rows(RS_LOG(s), &nlog, RS_LOG_ARENA(s), &used, b);
	s->nlog = nlog;
	s->log_arena_used = used;
}

/*
 * Combine b into the state a that the caller owns (flat, or a read-write
 * expanded pointer, which is changed in place) and return the state: the
 * same datum, or a new one.  b is only read.  Large results are expanded
 * states in aggcontext (if given).
 */
Datum
rs_combine_datums(Datum a, Datum b, RsScratch *sc, MemoryContext aggcontext)
{
	RsExpanded *e = rs_exp_rw(a);
	ResponseState *s;
	RsParts		pa,
				pb;
	int64		rows,
				arena;

	rs_parts_datum(b, &pb);
	if (e != NULL)
	{
		rs_check_compatible(&e->p, &pb);
		if (pb.nentries > 0 || pb.nlog > 0)
			rs_exp_combine(e, &pb, sc);
		return a;
	}

	/* a flat state of ours (a copy if it was not plain: returned as new) */
	s = unconstify(ResponseState *, rs_flat_datum(a));
	rs_parts_flat(s, &pa);
	rs_check_compatible(&pa, &pb);
	if (pb.nentries == 0 && pb.nlog == 0)
		return PointerGetDatum(s);
	rs_append_bounds(&pb, &rows, &arena);
	if (rs_flat_log_fits(s, rows, arena))
	{
		rs_flat_append(s, &pb);
		return PointerGetDatum(s);
	}
	if (aggcontext != NULL &&
		VARSIZE(s) + rows * (int64) sizeof(RsLogRow) + arena >= RS_EXPAND_BYTES)
	{
		e = rs_exp_create(&pa, aggcontext);
		if (rows >= pa.nentries + pa.nevents + pa.nlog)
			rs_exp_merge2(e, &pa, &pb, RS_MIN_LOG, 0, sc);
		else
		{
			rs_exp_merge2(e, &pa, NULL, rows, arena, sc);
			rs_exp_combine(e, &pb, sc);
		}
		return EOHPGetRWDatum(&e->hdr);
	}
	if (rows >= pa.nentries + pa.nevents + pa.nlog)
		return PointerGetDatum(rs_merge_flat(&pa, &pb, RS_MIN_LOG, 0, 0, sc));
	{
		ResponseState *n = rs_merge_flat(&pa, NULL, rows, arena, VARSIZE(s), sc);

		if (!rs_flat_log_fits(n, rows, arena))
			elog(ERROR, "smskpi response state: no room in the log");
		rs_flat_append(n, &pb);
		if (VARSIZE(n) == VARSIZE(s))
		{
			/* same size: reuse our allocation (no new pages, no copy by nodeAgg) */
			memcpy(s, n, VARSIZE(n));
			pfree(n);
			n = s;
		}
		return PointerGetDatum(n);
	}
}

/* Bytes of the flat form of a compacted state, without its log. */
int64
rs_compacted_bytes(const RsParts *p)
{
	RsLayout	l;

	rs_layout(&l, p->opts, p->nentries, p->nevents, p->arena_used, 0, 0);
	return l.log_off;
}

/* ----------------------------------------------------------------------
 * Walking the answered turns of a compacted state
 * ----------------------------------------------------------------------
 */
int
rs_int64_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

void
rs_walk(const RsParts *s, rs_turn_cb cb, void *arg,
		int64 *asked, int64 *unanswered)
{
	const RsEntry *e = s->entries;
	const int64 *ev = s->events;
	int64	   *buf = NULL;
	int32		bufcap = 0;

	Assert(s->nlog == 0);
	*asked = 0;
	*unanswered = 0;
	for (int64 i = 0; i < s->nentries; ev += e[i].nevents, i++)
	{
		int32		n = e[i].nevents;
		int32		n_in,
					x,
					y;
		TimestampTz turn = RS_NO_TIME;

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (e[i].first_in == RS_NO_TIME)
			continue;			/* no inbound message: nothing asked */
		if (s->kind == RS_KIND_FIRST)
		{
			(*asked)++;
			if (e[i].u.first_out == RS_NO_TIME)
				(*unanswered)++;
			else
				cb(arg, e[i].first_in, e[i].u.first_out);
			continue;
		}

		/* reply time: merge the sorted inbound and outbound times */
		if (n > bufcap)
		{
			bufcap = Max(64, n);
			if (buf)
				pfree(buf);
			buf = palloc_extended(sizeof(int64) * bufcap, MCXT_ALLOC_HUGE);
		}
		memcpy(buf, ev, sizeof(int64) * n);
		n_in = (int32) e[i].u.n_inbound;
		qsort(buf, n_in, sizeof(int64), rs_int64_cmp);
		qsort(buf + n_in, n - n_in, sizeof(int64), rs_int64_cmp);
		x = 0;
		y = n_in;
		while (x < n_in || y < n)
		{
			/* at the same instant the inbound message comes first */
			if (x < n_in && (y >= n || buf[x] <= buf[y]))
			{
				if (turn == RS_NO_TIME)
				{
					turn = buf[x];
					(*asked)++;
				}
				x++;
			}
			else
			{
				if (turn != RS_NO_TIME)
				{
					cb(arg, turn, buf[y]);
					turn = RS_NO_TIME;
				}
				y++;
			}
		}
		if (turn != RS_NO_TIME)
			(*unanswered)++;
	}
	if (buf)
		pfree(buf);
}
