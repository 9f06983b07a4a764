/*-------------------------------------------------------------------------
 *
 * durations.c
 *	  Exact, combinable percentiles of any intervals (doc/response_time.md,
 *	  "Percentiles of other durations"): the SQL type smskpi.duration_state,
 *	  an exact multiset of interval values, and the aggregates and functions
 *	  over it:
 *
 *	  duration_state(value interval) -> duration_state
 *	  duration_state_merge(duration_state) -> duration_state
 *	  duration_percentile(value interval, fraction float8) -> interval
 *	  duration_percentiles(value interval, fractions float8[]) -> interval[]
 *	  duration_percentile(state, fraction), duration_percentiles(state,
 *	  fractions), duration_state_info(state)
 *
 *	  A percentile is the value percentile_cont(fraction) WITHIN GROUP (ORDER
 *	  BY value) gives over the non-NULL values, bit for bit: the values in
 *	  interval order (interval_cmp: a month is 30 days, a day 24 hours),
 *	  pos = fraction * (n - 1), lo = value[floor(pos)], hi =
 *	  value[ceil(pos)], and when they differ lo + (hi - lo) * (pos -
 *	  floor(pos)) computed by PostgreSQL's own interval_mi, interval_mul and
 *	  interval_pl.  Values that are equal in that order but written
 *	  differently ('1 day' and '24:00:00', '1 mon' and '30 days') are kept
 *	  apart and ordered by their fields, fewest months first, then fewest
 *	  days: percentile_cont takes them in whatever order its sort left them,
 *	  the result here is always the one of that order.
 *
 *	  Unlike percentile_cont the aggregates are ordinary aggregates with a
 *	  combine function and a real state type, so PostgreSQL runs them in
 *	  parallel and Citus splits them (worker_partial_agg / coord_combine_agg).
 *	  The fraction is an argument of every row: it must be the same on every
 *	  row of a group (compared by value), and the state carries it to the
 *	  final function.
 *
 *	  In an aggregate the state is an expanded object in its own memory
 *	  context (a child of the aggregate context): one array of Interval that
 *	  grows by doubling, never copied per row.  It knows how much of its
 *	  front is sorted (and whether the rest is sorted too), so appending an
 *	  ordered run (a value above the last one, a flat state) keeps it
 *	  sorted, and a final function sorts only the unsorted rest and merges
 *	  it in: merging many states is an append each and one sort.  Final
 *	  functions only put the values in order (the same multiset), so the
 *	  aggregates also work as window aggregates.  The state is flattened,
 *	  sorted, only when it leaves the aggregate (a parallel worker, a stored
 *	  value); a flat value is always sorted (input checks it).
 *
 *	  Memory: 16 bytes a value (up to twice that while the array grows), plus
 *	  about 1 kB per group for the state's memory context.  A flat value is
 *	  at most 1 GB, about 67 million values; the state inside a serial
 *	  aggregate has no such limit.
 *
 * Flat form (a varlena; regions MAXALIGNed):
 *	 DsFlat	   header
 *	 ArrayType fractions	(fkind DS_F_ARRAY: the float8[] of the rows)
 *	 Interval  values[n]	sorted: interval order, then month, then day
 *
 * Binary form (send/recv; the text form is \x and its hex digits), all in
 * network byte order:
 *	 uint8	 version (1)
 *	 uint8	 fkind: 0 none (duration_state, duration_state_merge), 1 one
 *			 fraction, 2 one NULL fraction, 3 fractions (an array), 4 a NULL
 *			 array of fractions
 *	 fkind 1: float8 fraction
 *	 fkind 3: int32 ndim, ndim x (int32 dim, int32 lower bound), then per
 *			  element uint8 isnull (0 or 1) and, if 0, float8 fraction
 *	 int64	 n
 *	 n times: int64 time, int32 day, int32 month (as interval_send), sorted
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/detoast.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/timestamp.h"

/* what fractions a state carries */
#define DS_F_NONE		0		/* duration_state(), duration_state_merge() */
#define DS_F_ONE		1		/* duration_percentile(value, fraction) */
#define DS_F_ONE_NULL	2		/* ... with a NULL fraction */
#define DS_F_ARRAY		3		/* duration_percentiles(value, fractions) */
#define DS_F_ARRAY_NULL 4		/* ... with a NULL array */

typedef struct DsFlat
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint32		magic;			/* DS_MAGIC */
	uint8		version;		/* DS_VERSION */
	uint8		fkind;			/* DS_F_* */
	uint16		pad;			/* 0 */
	int32		farr_len;		/* bytes of the fractions array, or 0 */
	float8		fraction;		/* DS_F_ONE; 0 otherwise */
	int64		n;				/* values */
} DsFlat;

#define DS_MAGIC	0x53444b53	/* "SKDS" */
#define DS_VERSION	1
#define DS_FARR(h)		((ArrayType *) ((char *) (h) + MAXALIGN(sizeof(DsFlat))))
#define DS_VALUES(h)	((Interval *) ((char *) (h) + MAXALIGN(sizeof(DsFlat)) + \
									   MAXALIGN((h)->farr_len)))
#define DS_FLAT_SIZE(farr_len, n) \
	(MAXALIGN(sizeof(DsFlat)) + MAXALIGN(farr_len) + (Size) (n) * sizeof(Interval))
/* values a flat state can hold (1 GB) */
#define DS_MAX_FLAT_VALUES \
	((int64) ((MaxAllocSize - MAXALIGN(sizeof(DsFlat))) / sizeof(Interval)))
/* values an expanded state can hold */
#define DS_MAX_VALUES	((int64) (MaxAllocHugeSize / sizeof(Interval) / 2))

#define DS_FIRST_CAP	8
#define DS_MAX_RUNS		16		/* more ordered runs after the front: sort them */

typedef struct DsExpanded
{
	ExpandedObjectHeader hdr;
	uint8		fkind;
	bool		fchecked;		/* fractions checked against a value row */
	float8		fraction;
	ArrayType  *farr;			/* DS_F_ARRAY, in hdr.eoh_context */
	Interval   *v;				/* values, in hdr.eoh_context */
	int64		n;
	int64		cap;
	int64		nsorted;		/* v[0..nsorted) is in order */
	int			nruns;			/* v[nsorted..n) is nruns runs in order, or -1 */
	int64		runs[DS_MAX_RUNS];	/* where they start */
} DsExpanded;

/* A read-only look at a state, flat or expanded: values sorted. */
typedef struct DsView
{
	uint8		fkind;
	float8		fraction;
	const ArrayType *farr;
	const Interval *v;
	int64		n;
} DsView;

/* ---------------------------------------------------------------------
 * Order
 * ---------------------------------------------------------------------
 */

/* interval_cmp's key: months as 30 days, days as 24 hours, in microseconds */
static inline int128
ds_span(const Interval *a)
{
	return (int128) a->time +
		((int128) a->month * DAYS_PER_MONTH + a->day) * USECS_PER_DAY;
}

/*
 * The order of a state: interval_cmp's, and among values it finds equal,
 * fewer months first, then fewer days (a total order on the fields).
 */
static inline int
ds_cmp(const Interval *a, const Interval *b)
{
	int128		sa,
				sb;

	if (a->month == b->month && a->day == b->day)
		return (a->time > b->time) - (a->time < b->time);
	sa = ds_span(a);
	sb = ds_span(b);
	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return (a->day > b->day) - (a->day < b->day);
}

/* ds_sort(Interval *, size_t) */
#define ST_SORT ds_sort
#define ST_ELEMENT_TYPE Interval
#define ST_COMPARE(a, b) ds_cmp(a, b)
#define ST_CHECK_FOR_INTERRUPTS
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

#define DS_RADIX_BITS	11
#define DS_RADIX_SIZE	(1 << DS_RADIX_BITS)
#define DS_RADIX_MIN	1024	/* fewer values: ds_sort */

/*
 * Sort v[0..n) into the order of ds_cmp.  When the spans of the values lie
 * within 2^64 microseconds of each other (about 584,000 years), an LSD
 * radix sort on span - min(span), 11 bits a pass (passes where every value
 * has the same digit are skipped), then the runs of equal spans whose
 * fields differ sorted by ds_cmp; else, or if there is no memory for the
 * second buffer, ds_sort.
 */
static void
ds_sort_values(Interval *v, int64 n)
{
	int128		lo,
				hi;
	uint64		range;
	int			passes = 0;
	uint64	   *counts;
	Interval   *tmp,
			   *src,
			   *dst;

	if (n < DS_RADIX_MIN)
	{
		ds_sort(v, n);
		return;
	}
	lo = hi = ds_span(&v[0]);
	for (int64 i = 1; i < n; i++)
	{
		int128		s = ds_span(&v[i]);

		if (s < lo)
			lo = s;
		if (s > hi)
			hi = s;
	}
	if (hi - lo > (int128) PG_UINT64_MAX)
	{
		ds_sort(v, n);
		return;
	}
	range = (uint64) (hi - lo);
	while (passes * DS_RADIX_BITS < 64 && (range >> (passes * DS_RADIX_BITS)) != 0)
		passes++;
	if (passes > 0)
	{
		tmp = palloc_extended((Size) n * sizeof(Interval), MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
		if (tmp == NULL)
		{
			ds_sort(v, n);
			return;
		}
		counts = palloc0((Size) passes * DS_RADIX_SIZE * sizeof(uint64));
		for (int64 i = 0; i < n; i++)
		{
			uint64		key = (uint64) (ds_span(&v[i]) - lo);

			for (int p = 0; p < passes; p++)
				counts[p * DS_RADIX_SIZE + ((key >> (p * DS_RADIX_BITS)) & (DS_RADIX_SIZE - 1))]++;
		}
		src = v;
		dst = tmp;
		for (int p = 0; p < passes; p++)
		{
			uint64	   *c = counts + p * DS_RADIX_SIZE;
			uint64		sum = 0;
			int			shift = p * DS_RADIX_BITS;
			bool		one_bucket = false;

			for (int b = 0; b < DS_RADIX_SIZE; b++)
			{
				uint64		k = c[b];

				if (k == (uint64) n)
					one_bucket = true;
				c[b] = sum;
				sum += k;
			}
			if (one_bucket)
				continue;		/* every value has this digit */
			for (int64 i = 0; i < n; i++)
			{
				uint64		key = (uint64) (ds_span(&src[i]) - lo);

				dst[c[(key >> shift) & (DS_RADIX_SIZE - 1)]++] = src[i];
			}
			src = dst;
			dst = (dst == tmp) ? v : tmp;
		}
		if (src != v)
			memcpy(v, src, (Size) n * sizeof(Interval));
		pfree(counts);
		pfree(tmp);
	}

	/* equal spans: in the order of their fields */
	for (int64 i = 0; i < n;)
	{
		int64		j = i + 1;
		bool		mixed = false;
		int128		s = ds_span(&v[i]);

		while (j < n && ds_span(&v[j]) == s)
		{
			mixed |= v[j].month != v[i].month || v[j].day != v[i].day;
			j++;
		}
		if (mixed)
			ds_sort(v + i, j - i);
		i = j;
	}
}

/* ---------------------------------------------------------------------
 * Fractions
 * ---------------------------------------------------------------------
 */

static void
ds_check_fraction(float8 f)
{
	if (isnan(f) || f < 0 || f > 1)
	{
		char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

		double_to_shortest_decimal_buf(f, buf);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile value %s is not between 0 and 1", buf)));
	}
}

static inline bool
ds_float8_same(float8 a, float8 b)
{
	/* float8 = semantics: NaN equals NaN, -0 equals 0 */
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return a == b;
}

static int
ds_farr_items(const ArrayType *a)
{
	return ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
}

/*
 * Do two float8[] hold the same fractions at the same subscripts?  Arrays
 * with no elements are the same whatever their dimensions.
 */
static bool
ds_farr_same(const ArrayType *a, const ArrayType *b)
{
	int			na = ds_farr_items(a),
				nb = ds_farr_items(b);
	Datum	   *da,
			   *db;
	bool	   *nla,
			   *nlb;
	bool		same = true;

	if (na != nb)
		return false;
	if (na == 0)
		return true;
	if (ARR_NDIM(a) != ARR_NDIM(b) ||
		memcmp(ARR_DIMS(a), ARR_DIMS(b), ARR_NDIM(a) * sizeof(int)) != 0 ||
		memcmp(ARR_LBOUND(a), ARR_LBOUND(b), ARR_NDIM(a) * sizeof(int)) != 0)
		return false;
	deconstruct_array((ArrayType *) a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &da, &nla, &na);
	deconstruct_array((ArrayType *) b, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &db, &nlb, &nb);
	for (int i = 0; i < na && same; i++)
		same = nla[i] == nlb[i] &&
			(nla[i] || ds_float8_same(DatumGetFloat8(da[i]), DatumGetFloat8(db[i])));
	pfree(da);
	pfree(db);
	pfree(nla);
	pfree(nlb);
	return same;
}

/* every fraction of the array is NULL or between 0 and 1 (else 22003) */
static void
ds_check_farr(const ArrayType *a)
{
	Datum	   *d;
	bool	   *nulls;
	int			n;

	deconstruct_array((ArrayType *) a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &d, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (!nulls[i])
			ds_check_fraction(DatumGetFloat8(d[i]));
	pfree(d);
	pfree(nulls);
}

static void
ds_fractions_differ(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("the percentile fraction must be the same for every row of a group"),
			 errdetail("A duration_percentile or duration_percentiles group, and every state merged into it, has one fraction or array of fractions.")));
}

/* ---------------------------------------------------------------------
 * The expanded state
 * ---------------------------------------------------------------------
 */

static Size ds_get_flat_size(ExpandedObjectHeader *eohptr);
static void ds_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods ds_methods = {
	ds_get_flat_size,
	ds_flatten_into
};

static DsExpanded *
ds_create(MemoryContext parent, uint8 fkind, float8 fraction, const ArrayType *farr)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "smskpi duration state",
											  ALLOCSET_SMALL_SIZES);
	DsExpanded *e = MemoryContextAllocZero(cxt, sizeof(DsExpanded));

	EOH_init_header(&e->hdr, &ds_methods, cxt);
	e->fkind = fkind;
	e->fraction = fkind == DS_F_ONE ? fraction : 0;
	if (fkind == DS_F_ARRAY)
	{
		/* kept canonical: no elements is the empty array */
		if (ds_farr_items(farr) == 0)
		{
			MemoryContext old = MemoryContextSwitchTo(cxt);

			e->farr = construct_empty_array(FLOAT8OID);
			MemoryContextSwitchTo(old);
		}
		else
		{
			e->farr = MemoryContextAlloc(cxt, VARSIZE(farr));
			memcpy(e->farr, farr, VARSIZE(farr));
		}
	}
	e->cap = DS_FIRST_CAP;
	e->v = MemoryContextAlloc(cxt, e->cap * sizeof(Interval));
	return e;
}

/* room for extra more values */
static void
ds_reserve(DsExpanded *e, int64 extra)
{
	int64		need = e->n + extra;
	int64		cap;

	if (need <= e->cap)
		return;
	if (need > DS_MAX_VALUES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many values for one duration_state")));
	cap = Max(need, Min(e->cap * 2, DS_MAX_VALUES));
	e->v = repalloc_huge(e->v, (Size) cap * sizeof(Interval));
	e->cap = cap;
}

/*
 * Note that a run of values (in order if sorted) starting with first is
 * about to be appended at v[n].
 */
static inline void
ds_note_run(DsExpanded *e, int64 len, bool sorted, const Interval *first)
{
	bool		continues = e->n == 0 || ds_cmp(&e->v[e->n - 1], first) <= 0;

	if (e->nsorted == e->n)
	{
		/* all in order so far: still so if the run continues the order */
		if (sorted && continues)
			e->nsorted += len;
		else if (sorted)
		{
			e->nruns = 1;
			e->runs[0] = e->n;
		}
		else
			e->nruns = -1;
	}
	else if (e->nruns >= 0 && !(sorted && continues))
	{
		/* a new run, if there is room to remember it */
		if (sorted && e->nruns < DS_MAX_RUNS)
			e->runs[e->nruns++] = e->n;
		else
			e->nruns = -1;
	}
}

/* append n values (in order if sorted) */
static void
ds_append(DsExpanded *e, const Interval *vals, int64 n, bool sorted)
{
	if (n == 0)
		return;
	ds_reserve(e, n);
	ds_note_run(e, n, sorted, &vals[0]);
	memcpy(e->v + e->n, vals, (Size) n * sizeof(Interval));
	e->n += n;
}

static inline void
ds_append1(DsExpanded *e, const Interval *iv)
{
	if (e->n == e->cap)
		ds_reserve(e, 1);
	if (e->nsorted == e->n)
	{
		if (e->n == 0 || ds_cmp(&e->v[e->n - 1], iv) <= 0)
			e->nsorted++;
		else
			ds_note_run(e, 1, true, iv);
	}
	else if (e->nruns >= 0 && ds_cmp(&e->v[e->n - 1], iv) > 0)
		ds_note_run(e, 1, true, iv);	/* a new run (or too many) */
	e->v[e->n++] = *iv;
}

/* merge the ordered v[a..b) and v[b..c) through buf (room for c - b) */
static void
ds_merge(Interval *v, int64 a, int64 b, int64 c, Interval *buf)
{
	int64		i = b - 1,
				j = c - b - 1,
				k = c - 1;

	if (ds_cmp(&v[b - 1], &v[b]) <= 0)
		return;					/* already in order */
	memcpy(buf, v + b, (Size) (c - b) * sizeof(Interval));
	while (j >= 0)
	{
		if (i >= a && ds_cmp(&v[i], &buf[j]) > 0)
			v[k--] = v[i--];
		else
			v[k--] = buf[j--];
	}
}

/*
 * Put the values in order: sort what came in out of order, and merge the
 * ordered runs (the front, states appended by a combine) pairwise.  The
 * multiset is unchanged, so a final function may do this to its state.  No
 * interrupt is taken while values are half moved.
 */
static void
ds_make_sorted(DsExpanded *e)
{
	int64		p = e->nsorted,
				t = e->n - e->nsorted;
	int64		segs[DS_MAX_RUNS + 2];
	int			k = 0;
	Interval   *buf;

	if (t == 0)
		return;
	segs[k++] = 0;
	if (e->nruns <= 0)
	{
		if (p <= t)
		{
			/* mostly out of order: sort it all (cheaper than sort and merge) */
			ds_sort_values(e->v, e->n);
			e->nsorted = e->n;
			e->nruns = 0;
			return;
		}
		ds_sort_values(e->v + p, t);
		segs[k++] = p;
	}
	else
	{
		for (int r = 0; r < e->nruns; r++)
			if (e->runs[r] > segs[k - 1])
				segs[k++] = e->runs[r];
	}
	segs[k++] = e->n;

	/* segs[0..k-1) start ordered segments; the right one of a merge is in the tail */
	buf = palloc_extended((Size) t * sizeof(Interval), MCXT_ALLOC_HUGE);
	while (k > 2)
	{
		int			m = 0;
		int			i;

		for (i = 0; i + 2 < k; i += 2)
		{
			ds_merge(e->v, segs[i], segs[i + 1], segs[i + 2], buf);
			segs[m++] = segs[i];
		}
		for (; i < k; i++)
			segs[m++] = segs[i];
		k = m;
	}
	pfree(buf);
	e->nsorted = e->n;
	e->nruns = 0;
}

static Size
ds_get_flat_size(ExpandedObjectHeader *eohptr)
{
	DsExpanded *e = (DsExpanded *) eohptr;

	if (e->n > DS_MAX_FLAT_VALUES ||
		DS_FLAT_SIZE(e->farr ? VARSIZE(e->farr) : 0, e->n) > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("duration state too large"),
				 errdetail("A stored or transferred duration_state is at most 1 GB: about 67 million values.")));
	return DS_FLAT_SIZE(e->farr ? VARSIZE(e->farr) : 0, e->n);
}

static void
ds_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	DsExpanded *e = (DsExpanded *) eohptr;
	DsFlat	   *h = (DsFlat *) result;

	ds_make_sorted(e);
	memset(h, 0, MAXALIGN(sizeof(DsFlat)));
	SET_VARSIZE(h, allocated_size);
	h->magic = DS_MAGIC;
	h->version = DS_VERSION;
	h->fkind = e->fkind;
	h->fraction = e->fraction;
	h->farr_len = e->farr ? VARSIZE(e->farr) : 0;
	h->n = e->n;
	if (e->farr)
	{
		memset(DS_FARR(h), 0, MAXALIGN(h->farr_len));
		memcpy(DS_FARR(h), e->farr, h->farr_len);
	}
	memcpy(DS_VALUES(h), e->v, (Size) e->n * sizeof(Interval));
	Assert(DS_FLAT_SIZE(h->farr_len, h->n) == allocated_size);
}

/* the expanded state of ours a datum points to (read-write or not), or NULL */
static DsExpanded *
ds_expanded(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &ds_methods)
			return (DsExpanded *) eoh;
	}
	return NULL;
}

/* a flat state (detoasted into a copy if need be) */
static DsFlat *
ds_flat(Datum d)
{
	DsFlat	   *h = (DsFlat *) PG_DETOAST_DATUM(d);

	/* only smskpi builds these (input is checked): a cheap sanity check */
	if (VARSIZE(h) < MAXALIGN(sizeof(DsFlat)) || h->magic != DS_MAGIC ||
		h->n < 0 || h->farr_len < 0 ||
		VARSIZE(h) != DS_FLAT_SIZE(h->farr_len, h->n))
		elog(ERROR, "unexpected smskpi duration_state value");
	return h;
}

/* a sorted read-only view of any state datum (an expanded one is sorted in place) */
static void
ds_view(Datum d, DsView *out)
{
	DsExpanded *e = ds_expanded(d);

	if (e != NULL)
	{
		ds_make_sorted(e);
		out->fkind = e->fkind;
		out->fraction = e->fraction;
		out->farr = e->farr;
		out->v = e->v;
		out->n = e->n;
	}
	else
	{
		DsFlat	   *h = ds_flat(d);

		out->fkind = h->fkind;
		out->fraction = h->fraction;
		out->farr = h->fkind == DS_F_ARRAY ? DS_FARR(h) : NULL;
		out->v = DS_VALUES(h);
		out->n = h->n;
	}
}

/* the fractions of two views are the same (else 22023) */
static void
ds_check_same_fractions(uint8 fkind, float8 fraction, const ArrayType *farr,
						const DsView *b)
{
	if (fkind != b->fkind ||
		(fkind == DS_F_ONE && !ds_float8_same(fraction, b->fraction)) ||
		(fkind == DS_F_ARRAY && !ds_farr_same(farr, b->farr)))
		ds_fractions_differ();
}

/* a new expanded state in aggcxt with the content of any state datum */
static DsExpanded *
ds_copy(Datum d, MemoryContext aggcxt)
{
	DsView		b;
	DsExpanded *e;

	ds_view(d, &b);
	e = ds_create(aggcxt, b.fkind, b.fraction, b.farr);
	/* the aggregate checks the fractions as soon as it has a value */
	e->fchecked = b.n > 0;
	ds_append(e, b.v, b.n, true);
	return e;
}

/*
 * The state argument as a read-write expanded state of ours, in the
 * aggregate context: itself, or a new copy of a flat (or read-only) state.
 */
static DsExpanded *
ds_state_arg(FunctionCallInfo fcinfo, int argno, MemoryContext aggcxt)
{
	Datum		d = PG_GETARG_DATUM(argno);
	DsExpanded *e = ds_expanded(d);

	if (e != NULL && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
		return e;
	return ds_copy(d, aggcxt);
}

static MemoryContext
ds_agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fname)));
	return aggcxt;
}

/* ---------------------------------------------------------------------
 * Percentiles of sorted values
 * ---------------------------------------------------------------------
 */

/* percentile_cont's value at fraction p (checked) of sorted v[0..n), n > 0 */
static Interval *
ds_percentile(const Interval *v, int64 n, float8 p)
{
	double		pos = p * (n - 1);
	int64		first = (int64) floor(pos);
	int64		second = (int64) ceil(pos);
	Interval   *r;
	Datum		diff,
				part;

	Assert(n > 0 && first >= 0 && second < n);
	if (first == second)
	{
		r = palloc(sizeof(Interval));
		*r = v[first];
		return r;
	}
	/* as percentile_cont's interval_lerp: (hi - lo) * proportion + lo */
	diff = DirectFunctionCall2(interval_mi, IntervalPGetDatum(&v[second]),
							   IntervalPGetDatum(&v[first]));
	part = DirectFunctionCall2(interval_mul, diff, Float8GetDatum(pos - first));
	return DatumGetIntervalP(DirectFunctionCall2(interval_pl, part,
												 IntervalPGetDatum(&v[first])));
}

/*
 * percentile_cont(fractions)'s array over sorted v[0..n), n > 0: the shape
 * of fractions, NULL where a fraction is NULL; every fraction is checked
 * first.
 */
static ArrayType *
ds_percentiles(const Interval *v, int64 n, const ArrayType *fractions)
{
	Datum	   *d;
	bool	   *nulls;
	int			k;
	Datum	   *res;

	deconstruct_array((ArrayType *) fractions, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &d, &nulls, &k);
	if (k == 0)
		return construct_empty_array(INTERVALOID);
	for (int i = 0; i < k; i++)
		if (!nulls[i])
			ds_check_fraction(DatumGetFloat8(d[i]));
	res = palloc_array(Datum, k);
	for (int i = 0; i < k; i++)
		res[i] = nulls[i] ? (Datum) 0 :
			IntervalPGetDatum(ds_percentile(v, n, DatumGetFloat8(d[i])));
	return construct_md_array(res, nulls, ARR_NDIM(fractions),
							  (int *) ARR_DIMS(fractions), (int *) ARR_LBOUND(fractions),
							  INTERVALOID, sizeof(Interval), false, TYPALIGN_DOUBLE);
}

/* ---------------------------------------------------------------------
 * Aggregate support
 * ---------------------------------------------------------------------
 */

/* duration_state_sfunc(state, value) returns the state with the value added (NULL skipped). */
PG_FUNCTION_INFO_V1(smskpi_duration_state_sfunc);
Datum
smskpi_duration_state_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = ds_agg_context(fcinfo, "duration_state_sfunc");
	DsExpanded *e;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	e = PG_ARGISNULL(0) ? ds_create(aggcxt, DS_F_NONE, 0, NULL) : ds_state_arg(fcinfo, 0, aggcxt);
	ds_append1(e, PG_GETARG_INTERVAL_P(1));
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/*
 * duration_percentile_sfunc(state, value, fraction) returns the state with
 * the value added (NULL skipped), the fraction checked and the same as on
 * the group's other rows.
 */
PG_FUNCTION_INFO_V1(smskpi_duration_percentile_sfunc);
Datum
smskpi_duration_percentile_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = ds_agg_context(fcinfo, "duration_percentile_sfunc");
	bool		fnull = PG_ARGISNULL(2);
	uint8		fkind = fnull ? DS_F_ONE_NULL : DS_F_ONE;
	float8		f = fnull ? 0 : PG_GETARG_FLOAT8(2);
	DsExpanded *e;

	/* percentile_cont checks its fraction even when every value is NULL */
	if (!fnull)
		ds_check_fraction(f);
	if (PG_ARGISNULL(0))
		e = ds_create(aggcxt, fkind, f, NULL);
	else
	{
		e = ds_state_arg(fcinfo, 0, aggcxt);
		if (e->fkind != fkind || (!fnull && !ds_float8_same(e->fraction, f)))
			ds_fractions_differ();
	}
	if (!PG_ARGISNULL(1))
		ds_append1(e, PG_GETARG_INTERVAL_P(1));
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/*
 * duration_percentiles_sfunc(state, value, fractions) returns the state
 * with the value added (NULL skipped), the fractions the same as on the
 * group's other rows (and checked once a value came).
 */
PG_FUNCTION_INFO_V1(smskpi_duration_percentiles_sfunc);
Datum
smskpi_duration_percentiles_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = ds_agg_context(fcinfo, "duration_percentiles_sfunc");
	bool		fnull = PG_ARGISNULL(2);
	uint8		fkind = fnull ? DS_F_ARRAY_NULL : DS_F_ARRAY;
	DsExpanded *e;

	if (PG_ARGISNULL(0))
		e = ds_create(aggcxt, fkind, 0,
					  fnull ? NULL : PG_GETARG_ARRAYTYPE_P(2));
	else
	{
		e = ds_state_arg(fcinfo, 0, aggcxt);
		if (e->fkind != fkind)
			ds_fractions_differ();
		if (!fnull)
		{
			/* by value on every row: the same bytes, or the same fractions */
			struct varlena *raw = (struct varlena *) PG_GETARG_POINTER(2);

			if (VARATT_IS_EXTERNAL(raw) || VARATT_IS_COMPRESSED(raw) ||
				VARSIZE_ANY_EXHDR(raw) != VARSIZE(e->farr) - VARHDRSZ ||
				memcmp(VARDATA_ANY(raw), VARDATA(e->farr), VARSIZE_ANY_EXHDR(raw)) != 0)
			{
				if (!ds_farr_same(e->farr, PG_GETARG_ARRAYTYPE_P(2)))
					ds_fractions_differ();
			}
		}
	}
	if (!PG_ARGISNULL(1))
	{
		/* percentile_cont checks its fractions only when it has values */
		if (!e->fchecked)
		{
			if (!fnull)
				ds_check_farr(e->farr);
			e->fchecked = true;
		}
		ds_append1(e, PG_GETARG_INTERVAL_P(1));
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/*
 * duration_state_combine(a, b) returns the union of the two multisets (their
 * fractions must be the same).
 */
PG_FUNCTION_INFO_V1(smskpi_duration_state_combine);
Datum
smskpi_duration_state_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = ds_agg_context(fcinfo, "duration_state_combine");
	DsExpanded *e;
	DsView		b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(EOHPGetRWDatum(&ds_state_arg(fcinfo, 0, aggcxt)->hdr));
	}
	if (PG_ARGISNULL(0))
	{
		/* a copy of b: never b itself */
		PG_RETURN_DATUM(EOHPGetRWDatum(&ds_copy(PG_GETARG_DATUM(1), aggcxt)->hdr));
	}
	e = ds_state_arg(fcinfo, 0, aggcxt);
	ds_view(PG_GETARG_DATUM(1), &b);
	ds_check_same_fractions(e->fkind, e->fraction, e->farr, &b);
	if (b.n > 0)
	{
		if (b.v == e->v)
		{
			/* merged with itself: copy the values first */
			Interval   *copy = palloc_extended((Size) b.n * sizeof(Interval), MCXT_ALLOC_HUGE);

			memcpy(copy, b.v, (Size) b.n * sizeof(Interval));
			b.v = copy;
		}
		if (!e->fchecked && e->fkind == DS_F_ARRAY)
			ds_check_farr(e->farr);
		e->fchecked = true;
		ds_append(e, b.v, b.n, true);
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

static void
ds_not_made_by(const char *agg, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("this smskpi.duration_state was not made by %s", agg),
			 errhint("%s", hint)));
}

/* duration_percentile_final(state) returns the percentile at the state's fraction. */
PG_FUNCTION_INFO_V1(smskpi_duration_percentile_final);
Datum
smskpi_duration_percentile_final(PG_FUNCTION_ARGS)
{
	DsView		s;

	ds_view(PG_GETARG_DATUM(0), &s);
	if (s.fkind == DS_F_ONE_NULL)
		PG_RETURN_NULL();
	if (s.fkind != DS_F_ONE)
		ds_not_made_by("duration_percentile(value, fraction)",
					   "Use smskpi.duration_percentile(state, fraction).");
	ds_check_fraction(s.fraction);
	if (s.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(ds_percentile(s.v, s.n, s.fraction));
}

/* duration_percentiles_final(state) returns the percentiles at the state's fractions. */
PG_FUNCTION_INFO_V1(smskpi_duration_percentiles_final);
Datum
smskpi_duration_percentiles_final(PG_FUNCTION_ARGS)
{
	DsView		s;

	ds_view(PG_GETARG_DATUM(0), &s);
	if (s.fkind != DS_F_ARRAY && s.fkind != DS_F_ARRAY_NULL)
		ds_not_made_by("duration_percentiles(value, fractions)",
					   "Use smskpi.duration_percentiles(state, fractions).");
	if (s.n == 0 || s.fkind == DS_F_ARRAY_NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(ds_percentiles(s.v, s.n, s.farr));
}

/* ---------------------------------------------------------------------
 * Functions of a state
 * ---------------------------------------------------------------------
 */

/* duration_percentile(state, fraction) returns percentile_cont(fraction) of the state's values. */
PG_FUNCTION_INFO_V1(smskpi_duration_state_percentile);
Datum
smskpi_duration_state_percentile(PG_FUNCTION_ARGS)
{
	float8		f = PG_GETARG_FLOAT8(1);
	DsView		s;

	ds_check_fraction(f);
	ds_view(PG_GETARG_DATUM(0), &s);
	if (s.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(ds_percentile(s.v, s.n, f));
}

/* duration_percentiles(state, fractions) returns percentile_cont(fractions) of the state's values. */
PG_FUNCTION_INFO_V1(smskpi_duration_state_percentiles);
Datum
smskpi_duration_state_percentiles(PG_FUNCTION_ARGS)
{
	ArrayType  *fractions = PG_GETARG_ARRAYTYPE_P(1);
	DsView		s;

	ds_view(PG_GETARG_DATUM(0), &s);
	if (s.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(ds_percentiles(s.v, s.n, fractions));
}

/* duration_state_info(state) returns (values, bytes): its number of values and flat size. */
PG_FUNCTION_INFO_V1(smskpi_duration_state_info);
Datum
smskpi_duration_state_info(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	DsExpanded *e = ds_expanded(d);
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};
	int64		n,
				bytes;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "duration_state_info: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	if (e != NULL)
	{
		n = e->n;
		bytes = DS_FLAT_SIZE(e->farr ? VARSIZE(e->farr) : 0, n);
	}
	else
	{
		/* the header only: no need to read the values of a large stored state */
		DsFlat	   *h = (DsFlat *) PG_DETOAST_DATUM_SLICE(d, 0, sizeof(DsFlat));

		if (VARSIZE(h) < sizeof(DsFlat) || h->magic != DS_MAGIC)
			elog(ERROR, "unexpected smskpi duration_state value");
		n = h->n;
		bytes = (int64) toast_raw_datum_size(d);
	}
	values[0] = Int64GetDatum(n);
	values[1] = Int64GetDatum(bytes);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* ---------------------------------------------------------------------
 * I/O
 * ---------------------------------------------------------------------
 */

static void
ds_bad(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid smskpi.duration_state value"),
			 errdetail("%s", detail)));
}

static void
ds_need(StringInfo buf, int64 bytes)
{
	if (bytes < 0 || bytes > buf->len - buf->cursor)
		ds_bad("The value is too short.");
}

static void
ds_write(StringInfo buf, const DsView *s)
{
	pq_sendint8(buf, DS_VERSION);
	pq_sendint8(buf, s->fkind);
	if (s->fkind == DS_F_ONE)
		pq_sendfloat8(buf, s->fraction);
	else if (s->fkind == DS_F_ARRAY)
	{
		const ArrayType *a = s->farr;
		Datum	   *d;
		bool	   *nulls;
		int			k;

		deconstruct_array((ArrayType *) a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						  TYPALIGN_DOUBLE, &d, &nulls, &k);
		if (k == 0)
			pq_sendint32(buf, 0);
		else
		{
			pq_sendint32(buf, ARR_NDIM(a));
			for (int i = 0; i < ARR_NDIM(a); i++)
			{
				pq_sendint32(buf, ARR_DIMS(a)[i]);
				pq_sendint32(buf, ARR_LBOUND(a)[i]);
			}
		}
		for (int i = 0; i < k; i++)
		{
			pq_sendint8(buf, nulls[i] ? 1 : 0);
			if (!nulls[i])
				pq_sendfloat8(buf, DatumGetFloat8(d[i]));
		}
		pfree(d);
		pfree(nulls);
	}
	pq_sendint64(buf, s->n);
	for (int64 i = 0; i < s->n; i++)
	{
		pq_sendint64(buf, s->v[i].time);
		pq_sendint32(buf, s->v[i].day);
		pq_sendint32(buf, s->v[i].month);
	}
}

/* the fractions array of the binary form (fkind DS_F_ARRAY) */
static ArrayType *
ds_read_farr(StringInfo buf)
{
	int			ndim;
	int			dims[MAXDIM],
				lbs[MAXDIM];
	int64		nitems = 1;
	Datum	   *d;
	bool	   *nulls;

	ds_need(buf, 4);
	ndim = (int) pq_getmsgint(buf, 4);
	if (ndim < 0 || ndim > MAXDIM)
		ds_bad("The fractions have a bad number of dimensions.");
	ds_need(buf, (int64) ndim * 8);
	for (int i = 0; i < ndim; i++)
	{
		dims[i] = (int) pq_getmsgint(buf, 4);
		lbs[i] = (int) pq_getmsgint(buf, 4);
		if (dims[i] <= 0 || (int64) lbs[i] + dims[i] - 1 > PG_INT32_MAX)
			ds_bad("The fractions have bad dimensions.");
		nitems *= dims[i];
		/* each element takes at least one byte */
		if (nitems > buf->len - buf->cursor || nitems > (int64) MaxArraySize)
			ds_bad("The fractions do not match the length.");
	}
	if (ndim == 0)
		return construct_empty_array(FLOAT8OID);
	d = palloc_array(Datum, nitems);
	nulls = palloc_array(bool, nitems);
	for (int64 i = 0; i < nitems; i++)
	{
		int			isnull;

		ds_need(buf, 1);
		isnull = pq_getmsgint(buf, 1);
		if (isnull != 0 && isnull != 1)
			ds_bad("A fraction has a bad NULL flag.");
		nulls[i] = isnull == 1;
		if (!nulls[i])
		{
			ds_need(buf, 8);
			d[i] = Float8GetDatum(pq_getmsgfloat8(buf));
		}
		else
			d[i] = (Datum) 0;
	}
	return construct_md_array(d, nulls, ndim, dims, lbs, FLOAT8OID,
							  sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

static bool
ds_fraction_ok(float8 f)
{
	return !isnan(f) && f >= 0 && f <= 1;
}

/*
 * Read the binary form: every length, count, fraction and the order of the
 * values is checked, so a value edited by hand is refused (22P03) or
 * well-formed.
 */
static DsFlat *
ds_read(StringInfo buf)
{
	int			version,
				fkind;
	float8		fraction = 0;
	ArrayType  *farr = NULL;
	int32		farr_len = 0;
	int64		n;
	DsFlat	   *h;
	Interval   *v;

	ds_need(buf, 2);
	version = pq_getmsgint(buf, 1);
	if (version != DS_VERSION)
		ds_bad("The format version is not supported.");
	fkind = pq_getmsgint(buf, 1);
	switch (fkind)
	{
		case DS_F_NONE:
		case DS_F_ONE_NULL:
		case DS_F_ARRAY_NULL:
			break;
		case DS_F_ONE:
			ds_need(buf, 8);
			fraction = pq_getmsgfloat8(buf);
			/* the aggregate checks it on every row */
			if (!ds_fraction_ok(fraction))
				ds_bad("The fraction is not between 0 and 1.");
			break;
		case DS_F_ARRAY:
			farr = ds_read_farr(buf);
			farr_len = VARSIZE(farr);
			break;
		default:
			ds_bad("The kind of fractions is unknown.");
	}
	ds_need(buf, 8);
	n = pq_getmsgint64(buf);
	if (n < 0 || n > (buf->len - buf->cursor) / 16 ||
		(int64) (buf->len - buf->cursor) != n * 16)
		ds_bad("The number of values does not match the length.");
	if (n > DS_MAX_FLAT_VALUES || DS_FLAT_SIZE(farr_len, n) > MaxAllocSize)
		ds_bad("The value is too large.");
	/* the aggregate checks the fractions as soon as it has a value */
	if (farr != NULL && n > 0)
	{
		Datum	   *d;
		bool	   *nulls;
		int			k;

		deconstruct_array(farr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						  TYPALIGN_DOUBLE, &d, &nulls, &k);
		for (int i = 0; i < k; i++)
			if (!nulls[i] && !ds_fraction_ok(DatumGetFloat8(d[i])))
				ds_bad("A fraction is not between 0 and 1.");
	}
	h = palloc0(DS_FLAT_SIZE(farr_len, n));
	SET_VARSIZE(h, DS_FLAT_SIZE(farr_len, n));
	h->magic = DS_MAGIC;
	h->version = DS_VERSION;
	h->fkind = (uint8) fkind;
	h->fraction = fraction;
	h->farr_len = farr_len;
	h->n = n;
	if (farr != NULL)
		memcpy(DS_FARR(h), farr, farr_len);
	v = DS_VALUES(h);
	for (int64 i = 0; i < n; i++)
	{
		v[i].time = pq_getmsgint64(buf);
		v[i].day = (int32) pq_getmsgint(buf, 4);
		v[i].month = (int32) pq_getmsgint(buf, 4);
		if (i > 0 && ds_cmp(&v[i - 1], &v[i]) > 0)
			ds_bad("The values are not in order.");
	}
	Assert(buf->cursor == buf->len);
	return h;
}

static inline int
ds_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* duration_state_in(cstring) returns the state written as \x and hex by duration_state_out. */
PG_FUNCTION_INFO_V1(smskpi_duration_state_in);
Datum
smskpi_duration_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	StringInfoData buf;
	DsFlat	   *h;

	if (len < 2 || str[0] != '\\' || str[1] != 'x' || len % 2 != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type smskpi.duration_state"),
				 errdetail("A duration_state is written as \\x followed by an even number of hex digits.")));
	initStringInfo(&buf);
	enlargeStringInfo(&buf, (int) ((len - 2) / 2 + 1));
	for (size_t i = 2; i < len; i += 2)
	{
		int			hi = ds_hexval(str[i]),
					lo = ds_hexval(str[i + 1]);

		if (hi < 0 || lo < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type smskpi.duration_state"),
					 errdetail("\"%c\" is not a hex digit.", hi < 0 ? str[i] : str[i + 1])));
		buf.data[buf.len++] = (char) ((hi << 4) | lo);
	}
	buf.data[buf.len] = '\0';
	h = ds_read(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(h);
}

/* duration_state_out(state) returns the state as \x and hex digits of its binary form. */
PG_FUNCTION_INFO_V1(smskpi_duration_state_out);
Datum
smskpi_duration_state_out(PG_FUNCTION_ARGS)
{
	DsView		s;
	StringInfoData buf;
	char	   *out;

	ds_view(PG_GETARG_DATUM(0), &s);
	initStringInfo(&buf);
	ds_write(&buf, &s);
	out = palloc_extended((Size) buf.len * 2 + 3, MCXT_ALLOC_HUGE);
	out[0] = '\\';
	out[1] = 'x';
	out[2 + hex_encode(buf.data, buf.len, out + 2)] = '\0';
	pfree(buf.data);
	PG_RETURN_CSTRING(out);
}

/* duration_state_recv(internal) returns the state read from its binary form. */
PG_FUNCTION_INFO_V1(smskpi_duration_state_recv);
Datum
smskpi_duration_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	DsFlat	   *h = ds_read(buf);

	PG_RETURN_POINTER(h);
}

/* duration_state_send(state) returns the binary form of the state. */
PG_FUNCTION_INFO_V1(smskpi_duration_state_send);
Datum
smskpi_duration_state_send(PG_FUNCTION_ARGS)
{
	DsView		s;
	StringInfoData buf;

	ds_view(PG_GETARG_DATUM(0), &s);
	pq_begintypsend(&buf);
	ds_write(&buf, &s);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
