/*-------------------------------------------------------------------------
 *
 * response_state.c
 *	  The smskpi.response_state type: the log-structured transition state
 *	  of the response-time aggregates (response_time.c).  See
 *	  response_state.h for the layout.
 *
 *	  What one conversation costs: a 32-byte RsEntry, plus 8 bytes per
 *	  stored message (first response: outbound messages earlier than the
 *	  conversation's first inbound one; reply time: every message), plus,
 *	  for keys of pass-by-reference types, the key bytes and 4.  While
 *	  rows stream in, the log adds up to 24 bytes per row for at most half
 *	  as many rows as the compacted part holds items.
 *
 *	  Memory ownership: the transition function appends to the log in
 *	  place (only when called as an aggregate: AggCheckCallContext).  A
 *	  merge builds a new state in the current (per-tuple) memory context
 *	  and returns it; nodeAgg copies it into the aggregate context and
 *	  frees the old one.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "response_state.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#define RS_MIN_LOG		8

static inline uint32
rs_hash64(uint64 x)
{
	/* splitmix64 finalizer, folded to 32 bits */
	x ^= x >> 30;
	x *= UINT64CONST(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64CONST(0x94d049bb133111eb);
	x ^= x >> 31;
	return (uint32) (x ^ (x >> 32));
}

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

static void
rs_too_big(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("smskpi response-time state would exceed 1 GB"),
			 errdetail("One group holds too many conversations or messages (about 30 million conversations at most)."),
			 errhint("Aggregate over smaller groups (e.g. per day or per agent) and merge them with smskpi.response_state_merge().")));
}

/* Allocate a state with the given region sizes; regions left uninitialized. */
static ResponseState *
rs_alloc(int kind, int keykind, int16 keylen, Oid keytype, const RsOpts *opts,
		 int64 nentries, int64 nevents, int64 arena_used,
		 int64 log_cap, int64 log_arena_cap, bool final)
{
	int64		opts_len = RS_OPTS_SIZE(opts->nwindows, opts->bh_len);
	ResponseState *s;
	int64		off = MAXALIGN(sizeof(ResponseState));
	int64		entries_off,
				events_off,
				arena_off,
				log_off,
				log_arena_off;

	off += MAXALIGN(opts_len);
	entries_off = off;
	off += MAXALIGN(nentries * sizeof(RsEntry));
	events_off = off;
	off += MAXALIGN(nevents * sizeof(int64));
	arena_off = off;
	off += MAXALIGN(arena_used);
	log_off = off;
	off += MAXALIGN(log_cap * sizeof(RsLogRow));
	log_arena_off = off;
	off += MAXALIGN(log_arena_cap);
	if (final ? off > (int64) MaxAllocSize : off > (int64) MaxAllocHugeSize / 2)
		rs_too_big();

	s = (ResponseState *) palloc_extended(off, MCXT_ALLOC_HUGE);
	memset(s, 0, sizeof(ResponseState));
	SET_VARSIZE(s, off);
	s->magic = RS_MAGIC;
	s->kind = kind;
	s->keykind = keykind;
	s->keylen = keylen;
	s->keytype = keytype;
	s->nentries = nentries;
	s->nevents = nevents;
	s->arena_used = arena_used;
	s->log_cap = log_cap;
	s->log_arena_cap = log_arena_cap;
	s->opts_off = MAXALIGN(sizeof(ResponseState));
	s->entries_off = entries_off;
	s->events_off = events_off;
	s->arena_off = arena_off;
	s->log_off = log_off;
	s->log_arena_off = log_arena_off;
	memset(RS_OPTS(s), 0, MAXALIGN(opts_len));
	memcpy(RS_OPTS(s), opts, offsetof(RsOpts, windows) + sizeof(int64) * opts->nwindows);
	if (opts->bh_len > 0)
		memcpy(RS_OPTS_BH_RAW(RS_OPTS(s)), RS_OPTS_BH_RAW(opts), opts->bh_len);
	/* keep padding and the empty log defined: the state is copied and shipped */
	if (final)
		memset((char *) s + arena_off + arena_used, 0, off - arena_off - arena_used);
	return s;
}

ResponseState *
rs_create(int kind, int keykind, int16 keylen, Oid keytype, const RsOpts *opts)
{
	return rs_alloc(kind, keykind, keylen, keytype, opts, 0, 0, 0,
					RS_MIN_LOG, keykind == RS_KEY_BYTES ? 256 : 0, true);
}

/* ----------------------------------------------------------------------
 * Sorting the log by (hash, key)
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
		int			c;

		memcpy(&la, pa, sizeof(int32));
		memcpy(&lb, pb, sizeof(int32));
		if (la != lb)
			return la < lb ? -1 : 1;
		c = memcmp(pa + sizeof(int32), pb + sizeof(int32), la);
		return c;
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
rs_gather_sorted(const ResponseState *a, const ResponseState *b,
				 RsLogRow *rows, int keykind, RsScratch *sc)
{
	const ResponseState *src[2] = {a, b};
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
		log = RS_LOG(src[k]);
		for (int32 i = 0; i < src[k]->nlog; i++)
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
		log = RS_LOG(src[k]);
		arena = RS_LOG_ARENA(src[k]);
		for (int32 i = 0; i < src[k]->nlog; i++)
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
 * Merging: compacted parts of up to two states plus their logs -> a new
 * compacted state with an empty log
 * ----------------------------------------------------------------------
 */
typedef struct RsCursor
{
	const ResponseState *s;
	const RsEntry *e;
	const int64 *ev;			/* events of the current entry */
	int32		i;
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
		return (uint64) (uintptr_t) (RS_ARENA(c->s) + c->e->key);
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
rs_cursor_init(RsCursor *c, const ResponseState *s)
{
	c->s = s;
	c->i = 0;
	if (s)
	{
		c->e = RS_ENTRIES(s);
		c->ev = RS_EVENTS(s);
	}
}

static int64
rs_log_cap_for(int64 nentries, int64 nevents)
{
	int64		cap = nentries + nevents;

	return Max(RS_MIN_LOG, Min(cap, (int64) (MaxAllocSize / 4 / sizeof(RsLogRow))));
}

/*
 * Close the gaps of a state written with room to spare: move the events and
 * the arena down behind the ne entries, add an empty log of log_cap rows and
 * log_arena_cap key bytes, and zero every byte not written.
 */
static ResponseState *
rs_finish(ResponseState *s, int64 ne, int64 nev, int64 na,
		  int64 log_cap, int64 log_arena_cap, int64 total_size)
{
	int64		events_off = s->entries_off + MAXALIGN(ne * sizeof(RsEntry));
	int64		arena_off = events_off + MAXALIGN(nev * sizeof(int64));
	int64		log_off = arena_off + MAXALIGN(na);
	int64		log_arena_off = log_off + MAXALIGN(log_cap * sizeof(RsLogRow));
	int64		total = log_arena_off + MAXALIGN(log_arena_cap);
	int64		have = VARSIZE(s);

	/* a fixed total size: the slack goes to the log's key arena */
	if (total_size > 0)
	{
		Assert(total <= total_size);
		log_arena_cap = total_size - log_arena_off;
		total = total_size;
	}

	if (total > (int64) MaxAllocSize)
		rs_too_big();
	/* destinations lie at or below their sources, events before the arena */
	memmove((char *) s + events_off, RS_EVENTS(s), nev * sizeof(int64));
	memmove((char *) s + arena_off, RS_ARENA(s), na);
	if (total > have)
		s = repalloc_huge(s, total);
	s->nentries = ne;
	s->nevents = nev;
	s->arena_used = na;
	s->nlog = 0;
	s->log_cap = log_cap;
	s->log_arena_used = 0;
	s->log_arena_cap = log_arena_cap;
	s->events_off = events_off;
	s->arena_off = arena_off;
	s->log_off = log_off;
	s->log_arena_off = log_arena_off;
	/* padding after the entries and the events, then everything after the arena */
	memset((char *) s + s->entries_off + ne * sizeof(RsEntry), 0,
		   events_off - s->entries_off - ne * sizeof(RsEntry));
	memset((char *) s + events_off + nev * sizeof(int64), 0,
		   arena_off - events_off - nev * sizeof(int64));
	memset((char *) s + arena_off + na, 0, total - arena_off - na);
	SET_VARSIZE(s, total);
	return s;
}

/*
 * Merge a and b (b may be NULL) into a new state whose log has room for
 * at least min_log rows and min_log_arena key bytes.
 */
static ResponseState *
rs_merge(const ResponseState *a, const ResponseState *b, int64 min_log,
		 int64 min_log_arena, int64 keep_size, RsScratch *sc)
{
	int			keykind = a->keykind;
	int64		nrows_in = (int64) a->nlog + (b ? b->nlog : 0);
	int64		cap_entries = (int64) a->nentries + (b ? b->nentries : 0) + nrows_in;
	int64		cap_events = (int64) a->nevents + a->nentries + nrows_in +
		(b ? (int64) b->nevents + b->nentries : 0);
	int64		cap_arena = (int64) a->arena_used + a->log_arena_used +
		(b ? (int64) b->arena_used + b->log_arena_used : 0);
	RsLogRow   *rows;
	int64		nrows = nrows_in;
	RsEntry    *oe;
	int64	   *oev;
	char	   *oa;
	int64		ne = 0,
				nev = 0,
				na = 0;
	RsCursor	ca,
				cb;
	int64		r = 0;
	ResponseState *out;
	int64		log_cap,
				log_arena_cap;

	rows = rs_scratch_rows(sc, false, nrows_in);
	rs_gather_sorted(a, b, rows, keykind, sc);

	/*
	 * Write straight into the new state, laid out for the most entries,
	 * events and key bytes there can be; rs_finish() closes the gaps.  (Pages
	 * never written are never touched.)
	 */
	out = rs_alloc(a->kind, keykind, a->keylen, a->keytype, RS_OPTS(a),
				   cap_entries, cap_events, cap_arena, 0, 0, false);
	oe = RS_ENTRIES(out);
	oev = RS_EVENTS(out);
	oa = RS_ARENA(out);
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
		}

		if (in_a)
			rs_cursor_next(&ca);
		if (in_b)
			rs_cursor_next(&cb);
		r = r_end;
	}
	if (sc == NULL)
		pfree(rows);

	/*
	 * The next log: as many rows as the state holds items (so merging costs
	 * O(1) per row), but never more than the room left under 1 GB, so that
	 * a group can grow until its compacted part alone fills the limit.
	 */
	{
		int64		compacted = out->entries_off + MAXALIGN(ne * sizeof(RsEntry)) +
			MAXALIGN(nev * sizeof(int64)) + MAXALIGN(na);
		int64		room = (int64) MaxAllocSize - compacted - 1024;
		int64		avg_key = keykind == RS_KEY_BYTES ? Max(16, (ne > 0 ? na / ne : 0)) : 0;

		if (room < 65536 * (int64) (sizeof(RsLogRow) + avg_key))
			rs_too_big();		/* rather than merging 1 GB every few rows */
		log_cap = rs_log_cap_for(ne, nev);
		if (log_cap * (int64) (sizeof(RsLogRow) + avg_key) > room)
			log_cap = Max(RS_MIN_LOG, room / (int64) (sizeof(RsLogRow) + avg_key));
		log_cap = Max(min_log, log_cap);
		log_arena_cap = keykind == RS_KEY_BYTES ? Max(min_log_arena, log_cap * avg_key) : 0;

		/*
		 * When the merged state, with a log of at least half the usual size,
		 * fits in keep_size bytes (the size of the state being replaced),
		 * give it exactly that size: the caller copies it back in place.
		 */
		if (keep_size > 0)
		{
			int64		log_off = compacted;	/* MAXALIGNed already */
			int64		fit = (keep_size - log_off - (int64) MAXALIGN(min_log_arena) - 16) /
				(int64) (sizeof(RsLogRow) + avg_key);

			if (fit >= Max(min_log, log_cap / 2))
			{
				log_cap = Min(fit, rs_log_cap_for(ne, nev) * 2);
				log_arena_cap = keykind == RS_KEY_BYTES ? Max(min_log_arena, log_cap * avg_key) : 0;
				return rs_finish(out, ne, nev, na, log_cap, log_arena_cap, keep_size);
			}
		}
	}
	return rs_finish(out, ne, nev, na, log_cap, log_arena_cap, 0);
}

/* A compacted copy of s (empty log), for final functions and output. */
ResponseState *
rs_compact(const ResponseState *s)
{
	if (s->nlog == 0)
		return (ResponseState *) s;
	return rs_merge(s, NULL, 0, 0, 0, NULL);
}

/*
 * Add one message.  Appends to the log in place; when the log is full,
 * returns a merged copy (allocated in CurrentMemoryContext) instead.
 */
ResponseState *
rs_add_message(ResponseState *s, const RsKey *key, bool inbound, TimestampTz ts,
			   RsScratch *sc, bool owned)
{
	RsLogRow   *row;
	int64		need = s->keykind == RS_KEY_BYTES ? INTALIGN(sizeof(int32) + key->len) : 0;

	if (s->nlog >= s->log_cap || s->log_arena_used + need > s->log_arena_cap)
	{
		ResponseState *n;

		if (need > MaxAllocSize / 4)
			rs_too_big();
		n = rs_merge(s, NULL, RS_MIN_LOG, need, owned ? VARSIZE(s) : 0, sc);
		if (owned && VARSIZE(n) == VARSIZE(s))
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
	return s;
}

static void
rs_check_compatible(const ResponseState *a, const ResponseState *b)
{
	if (a->kind != b->kind || a->keykind != b->keykind || a->keylen != b->keylen)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine smskpi response-time states of different kinds"),
				 errdetail("One state is %s with %s keys, the other %s with %s keys.",
						   a->kind == RS_KIND_FIRST ? "first-response" : "reply-time",
						   a->keykind == RS_KEY_NONE ? "no" : format_type_be(a->keytype),
						   b->kind == RS_KIND_FIRST ? "first-response" : "reply-time",
						   b->keykind == RS_KEY_NONE ? "no" : format_type_be(b->keytype))));
	if (RS_OPTS(a)->bh_len != RS_OPTS(b)->bh_len ||
		memcmp(RS_OPTS_BH_RAW(RS_OPTS(a)), RS_OPTS_BH_RAW(RS_OPTS(b)), RS_OPTS(a)->bh_len) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine smskpi response-time states with different business hours")));
}

/* The union of two states, as a new state. */
ResponseState *
rs_combine(const ResponseState *a, const ResponseState *b)
{
	rs_check_compatible(a, b);
	return rs_merge(a, b, RS_MIN_LOG, 0, 0, NULL);
}

/* ----------------------------------------------------------------------
 * Walking the answered turns of a compacted state
 * ----------------------------------------------------------------------
 */
static int
rs_int64_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

void
rs_walk(const ResponseState *s, rs_turn_cb cb, void *arg,
		int64 *asked, int64 *unanswered)
{
	const RsEntry *e = RS_ENTRIES(s);
	const int64 *ev = RS_EVENTS(s);
	int64	   *buf = NULL;
	int32		bufcap = 0;

	Assert(s->nlog == 0);
	*asked = 0;
	*unanswered = 0;
	for (int32 i = 0; i < s->nentries; ev += e[i].nevents, i++)
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

/* ----------------------------------------------------------------------
 * I/O: binary form, text form (hex of the binary form)
 *
 *	int32 magic, int8 kind, int8 keykind, int16 keylen, int32 keytype,
 *	float8 fraction, int32 nwindows, nwindows x int64, int32 bh_len,
 *	bh_len bytes (a business_hours value), int32 nentries, then per entry:
 *	key (int64, or int32 length + bytes), int64 first_in, int64 first_out
 *	(first response) or n_inbound (reply time), int32 nevents,
 *	nevents x int64 (reply time: the n_inbound inbound ones first)
 * ----------------------------------------------------------------------
 */
static void
rs_write(StringInfo buf, const ResponseState *s)
{
	const RsEntry *e = RS_ENTRIES(s);
	const int64 *ev = RS_EVENTS(s);
	const RsOpts *o = RS_OPTS(s);
	int64	   *sorted = NULL;
	int32		bufcap = 0;

	Assert(s->nlog == 0);
	pq_sendint32(buf, s->magic);
	pq_sendint8(buf, s->kind);
	pq_sendint8(buf, s->keykind);
	pq_sendint16(buf, s->keylen);
	pq_sendint32(buf, s->keytype);
	pq_sendfloat8(buf, o->fraction);
	pq_sendint32(buf, o->nwindows);
	for (int32 i = 0; i < o->nwindows; i++)
		pq_sendint64(buf, o->windows[i]);
	pq_sendint32(buf, o->bh_len);
	pq_sendbytes(buf, RS_OPTS_BH_RAW(o), o->bh_len);
	pq_sendint32(buf, s->nentries);
	for (int32 i = 0; i < s->nentries; ev += e[i].nevents, i++)
	{
		if (s->keykind == RS_KEY_BYTES)
		{
			const char *p = RS_ARENA(s) + e[i].key;
			int32		len;

			memcpy(&len, p, sizeof(int32));
			pq_sendint32(buf, len);
			pq_sendbytes(buf, p + sizeof(int32), len);
		}
		else
			pq_sendint64(buf, e[i].key);
		pq_sendint64(buf, e[i].first_in);
		pq_sendint64(buf, e[i].u.first_out);
		pq_sendint32(buf, e[i].nevents);
		/* in time order (inbound ones first for reply time): one text per state */
		if (e[i].nevents > bufcap)
		{
			bufcap = Max(64, e[i].nevents);
			if (sorted)
				pfree(sorted);
			sorted = palloc_extended(sizeof(int64) * bufcap, MCXT_ALLOC_HUGE);
		}
		if (e[i].nevents > 0)
		{
			int32		n_in = s->kind == RS_KIND_REPLY ? (int32) e[i].u.n_inbound : 0;

			memcpy(sorted, ev, sizeof(int64) * e[i].nevents);
			qsort(sorted, n_in, sizeof(int64), rs_int64_cmp);
			qsort(sorted + n_in, e[i].nevents - n_in, sizeof(int64), rs_int64_cmp);
		}
		for (int32 j = 0; j < e[i].nevents; j++)
			pq_sendint64(buf, sorted[j]);
	}
	if (sorted)
		pfree(sorted);
}

static void
rs_bad(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid smskpi.response_state: %s", what)));
}

static void
rs_need(StringInfo buf, int64 bytes)
{
	if (bytes < 0 || bytes > buf->len - buf->cursor)
		rs_bad("truncated data");
}

static inline TimestampTz
rs_read_ts(StringInfo buf, bool allow_none)
{
	TimestampTz t = (TimestampTz) pq_getmsgint64(buf);

	if (t == RS_NO_TIME && allow_none)
		return t;
	if (TIMESTAMP_NOT_FINITE(t) || !IS_VALID_TIMESTAMP(t))
		rs_bad("timestamp out of range");
	return t;
}

/*
 * Read the binary form.  The entries are turned back into messages and
 * merged, so the result is a well-formed state whatever the input said
 * (order, duplicates, an answer before the question...): only the framing,
 * counts, lengths and timestamps need checking.
 */
static ResponseState *
rs_read(StringInfo buf)
{
	ResponseState *s;
	ResponseState *out;
	int			kind,
				keykind;
	int16		keylen;
	Oid			keytype;
	int32		nentries;
	RsOpts	   *opts;
	float8		fraction;
	int32		nwindows,
				bh_len;
	int64		rows_cap = 64,
				arena_cap = 256;
	RsLogRow   *rows;
	char	   *arena;
	int64		nrows = 0,
				na = 0;

	rs_need(buf, 12);
	if ((uint32) pq_getmsgint(buf, 4) != RS_MAGIC)
		rs_bad("unknown format version");
	kind = pq_getmsgint(buf, 1);
	keykind = pq_getmsgint(buf, 1);
	keylen = (int16) pq_getmsgint(buf, 2);
	keytype = pq_getmsgint(buf, 4);
	if (kind != RS_KIND_FIRST && kind != RS_KIND_REPLY)
		rs_bad("unknown kind");
	if (!(keykind == RS_KEY_NONE ||
		  (keykind == RS_KEY_BYVAL && (keylen == 1 || keylen == 2 || keylen == 4 || keylen == 8)) ||
		  (keykind == RS_KEY_BYTES && (keylen == -1 || keylen == -2 || keylen > 0))))
		rs_bad("unknown key kind");

	rs_need(buf, 12);
	fraction = pq_getmsgfloat8(buf);
	nwindows = (int32) pq_getmsgint(buf, 4);
	if (!(fraction == -1 || (fraction >= 0 && fraction <= 1)))
		rs_bad("bad fraction");
	rs_need(buf, (int64) nwindows * 8);
	opts = palloc0(RS_OPTS_SIZE(nwindows, 0));
	opts->fraction = fraction;
	opts->nwindows = nwindows;
	for (int32 i = 0; i < nwindows; i++)
	{
		opts->windows[i] = pq_getmsgint64(buf);
		if (opts->windows[i] < 0)
			rs_bad("negative window");
	}
	rs_need(buf, 4);
	bh_len = (int32) pq_getmsgint(buf, 4);
	rs_need(buf, bh_len);
	if (bh_len > 0)
	{
		opts = repalloc(opts, RS_OPTS_SIZE(nwindows, bh_len));
		opts->bh_len = bh_len;
		pq_copymsgbytes(buf, RS_OPTS_BH_RAW(opts), bh_len);
		if (bh_len < VARHDRSZ || VARSIZE(RS_OPTS_BH_RAW(opts)) != bh_len)
			rs_bad("bad business hours");
		smskpi_business_hours_validate(RS_OPTS_BH(opts), bh_len);
	}

	rs_need(buf, 4);
	nentries = (int32) pq_getmsgint(buf, 4);
	if (nentries < 0 || nentries > (buf->len - buf->cursor) / 20)
		rs_bad("bad number of conversations");
	rows = palloc(sizeof(RsLogRow) * rows_cap);
	arena = palloc(arena_cap);
	for (int32 i = 0; i < nentries; i++)
	{
		RsKey		key;
		TimestampTz first_in,
					second;
		int32		nev;
		int64		keyoff = 0;

		memset(&key, 0, sizeof(key));
		if (keykind == RS_KEY_BYTES)
		{
			rs_need(buf, 4);
			key.len = (int32) pq_getmsgint(buf, 4);
			rs_need(buf, key.len);
			if (keylen > 0 && key.len != keylen)
				rs_bad("bad key length");
			key.bytes = pq_getmsgbytes(buf, key.len);
			key.hash = hash_bytes((const unsigned char *) key.bytes, key.len);
			while (na + INTALIGN(sizeof(int32) + key.len) > arena_cap)
			{
				arena_cap *= 2;
				arena = repalloc_huge(arena, arena_cap);
			}
			memcpy(arena + na, &key.len, sizeof(int32));
			memcpy(arena + na + sizeof(int32), key.bytes, key.len);
			keyoff = na;
			na += INTALIGN(sizeof(int32) + key.len);
		}
		else
		{
			rs_need(buf, 8);
			key.value = (uint64) pq_getmsgint64(buf);
			if (keykind == RS_KEY_NONE && key.value != 0)
				rs_bad("a key in a state without keys");
			key.hash = keykind == RS_KEY_NONE ? 0 : rs_hash64(key.value);
			keyoff = key.value;
		}
		rs_need(buf, 20);
		first_in = rs_read_ts(buf, true);
		if (kind == RS_KIND_FIRST)
			second = rs_read_ts(buf, true);
		else
			second = pq_getmsgint64(buf);	/* n_inbound */
		nev = (int32) pq_getmsgint(buf, 4);
		rs_need(buf, (int64) nev * 8);
		if (nev < 0 || (kind == RS_KIND_REPLY && (second < 0 || second > nev)))
			rs_bad("bad number of messages");
		if (keykind == RS_KEY_NONE && nentries > 1)
			rs_bad("more than one conversation in a state without keys");
		while (nrows + nev + 2 > rows_cap)
		{
			rows_cap *= 2;
			rows = repalloc_huge(rows, sizeof(RsLogRow) * rows_cap);
		}
#define RS_ROW(t, in) \
		do { \
			rows[nrows].key = keyoff; \
			rows[nrows].hash = key.hash; \
			rows[nrows].ts = (t); \
			rows[nrows].inbound = (in); \
			nrows++; \
		} while (0)
		if (kind == RS_KIND_FIRST)
		{
			if (first_in != RS_NO_TIME)
				RS_ROW(first_in, 1);
			if (second != RS_NO_TIME)
				RS_ROW(second, 0);
			for (int32 j = 0; j < nev; j++)
				RS_ROW(rs_read_ts(buf, false), 0);
		}
		else
		{
			/* a conversation with no message at all is dropped */
			for (int32 j = 0; j < nev; j++)
				RS_ROW(rs_read_ts(buf, false), j < second);
		}
#undef RS_ROW
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	pq_getmsgend(buf);

	/* a log-only state holding the rows, then merged */
	s = rs_alloc(kind, keykind, keylen, keytype, opts, 0, 0, 0, nrows, na, true);
	memcpy(RS_LOG(s), rows, sizeof(RsLogRow) * nrows);
	s->nlog = nrows;
	if (na > 0)
		memcpy(RS_LOG_ARENA(s), arena, na);
	s->log_arena_used = na;
	out = rs_merge(s, NULL, 0, 0, 0, NULL);
	pfree(s);
	pfree(rows);
	pfree(arena);
	pfree(opts);
	return out;
}

/* response_state_in(cstring) returns the state written as hex by response_state_out. */
PG_FUNCTION_INFO_V1(response_state_in);
Datum
response_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	StringInfoData buf;
	ResponseState *s;

	if (len < 2 || str[0] != '\\' || str[1] != 'x' || len % 2 != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type smskpi.response_state"),
				 errdetail("A state is written as \\x followed by an even number of hex digits.")));
	initStringInfo(&buf);
	enlargeStringInfo(&buf, (len - 2) / 2 + 1);
	buf.len = hex_decode(str + 2, len - 2, buf.data);
	buf.data[buf.len] = '\0';
	s = rs_read(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(s);
}

/* response_state_out(state) returns the state as \x and hex digits. */
PG_FUNCTION_INFO_V1(response_state_out);
Datum
response_state_out(PG_FUNCTION_ARGS)
{
	ResponseState *s = rs_compact(DatumGetResponseStateP(PG_GETARG_DATUM(0)));
	StringInfoData buf;
	char	   *out;

	initStringInfo(&buf);
	rs_write(&buf, s);
	out = palloc((Size) buf.len * 2 + 3);
	out[0] = '\\';
	out[1] = 'x';
	out[2 + hex_encode(buf.data, buf.len, out + 2)] = '\0';
	PG_RETURN_CSTRING(out);
}

/* response_state_recv(internal) returns the state read from its binary form. */
PG_FUNCTION_INFO_V1(response_state_recv);
Datum
response_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_POINTER(rs_read(buf));
}

/* response_state_send(state) returns the binary form of the state. */
PG_FUNCTION_INFO_V1(response_state_send);
Datum
response_state_send(PG_FUNCTION_ARGS)
{
	ResponseState *s = rs_compact(DatumGetResponseStateP(PG_GETARG_DATUM(0)));
	StringInfoData buf;

	pq_begintypsend(&buf);
	rs_write(&buf, s);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * response_state_info(state) returns (kind, key_type, conversations,
 * stored_messages, bytes, bytes_per_conversation) of the compacted state.
 */
PG_FUNCTION_INFO_V1(response_state_info);
Datum
response_state_info(PG_FUNCTION_ARGS)
{
	ResponseState *s = rs_compact(DatumGetResponseStateP(PG_GETARG_DATUM(0)));
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {0};
	int64		bytes;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	/* without the empty log */
	bytes = s->log_off;
	values[0] = CStringGetTextDatum(s->kind == RS_KIND_FIRST ? "first_response" : "reply_time");
	if (s->keykind == RS_KEY_NONE)
		nulls[1] = true;
	else
		values[1] = ObjectIdGetDatum(s->keytype);
	values[2] = Int64GetDatum(s->nentries);
	values[3] = Int64GetDatum(s->nevents);
	values[4] = Int64GetDatum(bytes);
	if (s->nentries > 0)
		values[5] = Float8GetDatum((double) bytes / s->nentries);
	else
		nulls[5] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
