/*-------------------------------------------------------------------------
 *
 * falloff.c
 *	  smskpi.campaign_falloff(): the per-step funnel of drip campaigns and
 *	  the step where replies "tank" (doc/campaign.md, "Funnel, streaks, speed to lead, stops").
 *
 *	  One row per (campaign_id, campaign_step) of the outbound messages in a
 *	  message log.  The unit is a contact: a contact who got a step twice
 *	  counts once (delivered, replied, positive, opted out if any of the
 *	  copies was; still active as of the first copy; the shortest reply
 *	  delay).  Replies are attributed by cm_attribute() (attribution.c): a
 *	  reply counts for the step when it is the latest outbound message
 *	  before the reply in that conversation.
 *
 *	  reply_rate = replied / recipients; reply_rate_change = relative change
 *	  against the previous step present in the same campaign
 *	  (rate / previous rate - 1; NULL for the first step or when the
 *	  previous rate is 0); falloff_point marks, per campaign, the step with
 *	  the most negative reply_rate_change (the lowest such step on ties),
 *	  and no step when the rate never drops.  median_reply_delay is the
 *	  median of the contacts' first-reply delays (the lower middle plus half
 *	  the gap to the upper middle, rounded down to the microsecond).
 *
 *	  Memory: one small row per step plus 8 bytes per replying contact.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "campaign.h"

typedef struct FoKey
{
	int64		campaign;
	int32		step;
	int32		pad;			/* zeroed: the key is hashed as bytes */
} FoKey;

typedef struct FoRow
{
	FoKey		key;
	char		status;			/* simplehash */
	uint32		hash;
	int64		recipients;
	int64		delivered;
	int64		replied;
	int64		positive;
	int64		opted_out;
	int64		still_active;
	int64		ndelays;
	int64		delaycap;
	int64	   *delays;
} FoRow;

/* one contact's outbound campaign message, before merging copies of a step */
typedef struct FoItem
{
	FoKey		key;
	int32		position;
	bool		delivered;
	bool		replied;
	bool		positive;
	bool		opted_out;
	bool		still_active;
	int64		delay;
} FoItem;

static inline uint32
fo_hash(FoKey k)
{
	uint64		x = (uint64) k.campaign * UINT64CONST(0x9e3779b97f4a7c15) + (uint32) k.step;

	x ^= x >> 31;
	x *= UINT64CONST(0xbf58476d1ce4e5b9);
	x ^= x >> 29;
	return (uint32) x;
}

#define SH_PREFIX forow
#define SH_ELEMENT_TYPE FoRow
#define SH_KEY_TYPE FoKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) fo_hash(k)
#define SH_EQUAL(tb, a, b) ((a).campaign == (b).campaign && (a).step == (b).step)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) ((a)->hash)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

typedef struct FoCtx
{
	MemoryContext cxt;			/* where the rows' delays live */
	forow_hash *rows;
	FoRow	   *last;			/* the row of the previous item, or NULL */
	bool		one_campaign;
	int64		campaign;
	FoItem	   *items;
	int			itemcap;
} FoCtx;

static inline int
fo_item_cmp(const FoItem *a, const FoItem *b)
{
	if (a->key.campaign != b->key.campaign)
		return a->key.campaign < b->key.campaign ? -1 : 1;
	if (a->key.step != b->key.step)
		return a->key.step < b->key.step ? -1 : 1;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return 0;
}

/* fo_sort_items(FoItem *, size_t): a contact's items by (campaign, step, position) */
#define ST_SORT fo_sort_items
#define ST_ELEMENT_TYPE FoItem
#define ST_COMPARE(a, b) fo_item_cmp(a, b)
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

/* fo_sort_delays(int64 *, size_t) */
#define ST_SORT fo_sort_delays
#define ST_ELEMENT_TYPE int64
#define ST_COMPARE(a, b) ((*(a) > *(b)) - (*(a) < *(b)))
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

static int
fo_row_cmp(const void *pa, const void *pb)
{
	const FoRow *a = *(FoRow *const *) pa;
	const FoRow *b = *(FoRow *const *) pb;

	if (a->key.campaign != b->key.campaign)
		return a->key.campaign < b->key.campaign ? -1 : 1;
	if (a->key.step != b->key.step)
		return a->key.step < b->key.step ? -1 : 1;
	return 0;
}

static void
fo_add(FoCtx *c, const FoItem *it)
{
	FoRow	   *r = c->last;

	if (r == NULL || r->key.campaign != it->key.campaign || r->key.step != it->key.step)
	{
		bool		found;

		r = forow_insert(c->rows, it->key, &found);
		if (!found)
		{
			r->recipients = r->delivered = r->replied = r->positive = 0;
			r->opted_out = r->still_active = r->ndelays = r->delaycap = 0;
			r->delays = NULL;
		}
		c->last = r;
	}
	r->recipients++;
	r->delivered += it->delivered;
	r->replied += it->replied;
	r->positive += it->positive;
	r->opted_out += it->opted_out;
	r->still_active += it->still_active;
	if (it->replied)
	{
		if (r->ndelays == r->delaycap)
		{
			r->delaycap = r->delaycap ? r->delaycap * 2 : 16;
			r->delays = r->delays
				? repalloc_huge(r->delays, r->delaycap * sizeof(int64))
				: MemoryContextAllocHuge(c->cxt, r->delaycap * sizeof(int64));
		}
		r->delays[r->ndelays++] = it->delay;
	}
}

static void
fo_contact(void *arg, CmOutcome *outs, int n)
{
	FoCtx	   *c = arg;
	int			ni = 0,
				i;

	for (i = 0; i < n; i++)
	{
		const CmOutcome *o = &outs[i];
		const CmMsg *m = o->msg;
		FoItem	   *it;

		if (m->flags & (CM_CAMPAIGN_NULL | CM_STEP_NULL))
			continue;
		if (c->one_campaign && m->campaign_id != c->campaign)
			continue;
		if (ni == c->itemcap)
		{
			c->itemcap *= 2;
			c->items = repalloc_huge(c->items, c->itemcap * sizeof(FoItem));
		}
		it = &c->items[ni++];
		memset(&it->key, 0, sizeof(FoKey));
		it->key.campaign = m->campaign_id;
		it->key.step = m->u.campaign_step;
		it->position = o->position;
		it->delivered = (m->flags & CM_DELIVERED) != 0;
		it->replied = o->replies > 0;
		it->positive = o->positive;
		it->opted_out = o->opted_out;
		it->still_active = o->still_active;
		it->delay = 0;
		if (it->replied &&
			pg_sub_s64_overflow(o->first_reply_at, m->sent_at, &it->delay))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("reply delay out of range")));
	}
	if (ni == 0)
		return;
	if (ni > 1)
		fo_sort_items(c->items, ni);

	/* merge the copies of a step sent to this contact into the first one */
	for (i = 0; i < ni;)
	{
		FoItem		acc = c->items[i];
		int			j;

		for (j = i + 1; j < ni &&
			 c->items[j].key.campaign == acc.key.campaign &&
			 c->items[j].key.step == acc.key.step; j++)
		{
			const FoItem *b = &c->items[j];

			acc.delivered |= b->delivered;
			acc.positive |= b->positive;
			acc.opted_out |= b->opted_out;
			if (b->replied && (!acc.replied || b->delay < acc.delay))
				acc.delay = b->delay;
			acc.replied |= b->replied;
		}
		fo_add(c, &acc);
		i = j;
	}
}

#define FO_NCOLS 12

/*
 * Write the rows (sorted by campaign, step; each one's delays sorted) into
 * the call's tuplestore, with reply rates, their changes and the falloff
 * point of each campaign.  With one_campaign only that campaign's rows.
 */
static void
fo_emit(ReturnSetInfo *rsinfo, FoRow **rows, int64 nrows, bool one_campaign, int64 campaign)
{
	int64		i;

	if (rsinfo->setDesc->natts != FO_NCOLS)
		elog(ERROR, "campaign_falloff: wrong number of result columns");
	for (i = 0; i < nrows;)
	{
		int64		end = i,
					k,
					falloff = -1;
		double		worst = 0.0;
		double	   *rate,
				   *change;
		bool	   *has_change;

		while (end < nrows && rows[end]->key.campaign == rows[i]->key.campaign)
			end++;
		if (one_campaign && rows[i]->key.campaign != campaign)
		{
			i = end;
			continue;
		}
		rate = palloc_array(double, end - i);
		change = palloc_array(double, end - i);
		has_change = palloc_array(bool, end - i);
		for (k = i; k < end; k++)
		{
			rate[k - i] = (double) rows[k]->replied / (double) rows[k]->recipients;
			has_change[k - i] = (k > i && rate[k - i - 1] > 0.0);
			if (has_change[k - i])
			{
				change[k - i] = rate[k - i] / rate[k - i - 1] - 1.0;
				if (change[k - i] < worst)
				{
					worst = change[k - i];
					falloff = k;
				}
			}
		}
		for (k = i; k < end; k++)
		{
			FoRow	   *r = rows[k];
			Datum		v[FO_NCOLS];
			bool		nulls[FO_NCOLS];
			Interval	median;

			memset(nulls, 0, sizeof(nulls));
			v[0] = Int64GetDatum(r->key.campaign);
			v[1] = Int32GetDatum(r->key.step);
			v[2] = Int64GetDatum(r->recipients);
			v[3] = Int64GetDatum(r->delivered);
			v[4] = Int64GetDatum(r->replied);
			v[5] = Float8GetDatum(rate[k - i]);
			v[6] = Int64GetDatum(r->positive);
			v[7] = Int64GetDatum(r->opted_out);
			v[8] = Int64GetDatum(r->still_active);
			if (r->ndelays > 0)
			{
				int64		lo = r->delays[(r->ndelays - 1) / 2],
							hi = r->delays[r->ndelays / 2];

				/* delays are positive, so hi - lo cannot overflow */
				cm_interval_set(&median, lo + (hi - lo) / 2);
				v[9] = IntervalPGetDatum(&median);
			}
			else
				nulls[9] = true;
			v[10] = Float8GetDatum(change[k - i]);
			nulls[10] = !has_change[k - i];
			v[11] = BoolGetDatum(k == falloff);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
		}
		pfree(rate);
		pfree(change);
		pfree(has_change);
		i = end;
	}
}

/* the rows of a table, sorted by (campaign, step), each one's delays sorted */
static FoRow **
fo_sorted_rows(forow_hash *tab, int64 *nrows)
{
	forow_iterator it;
	FoRow	  **rows;
	FoRow	   *r;
	int64		n = 0;

	rows = palloc_array(FoRow *, tab->members + 1);
	forow_start_iterate(tab, &it);
	while ((r = forow_iterate(tab, &it)) != NULL)
	{
		if (r->ndelays > 1)
			fo_sort_delays(r->delays, r->ndelays);
		rows[n++] = r;
	}
	qsort(rows, n, sizeof(FoRow *), fo_row_cmp);
	*nrows = n;
	return rows;
}

/* campaign_falloff(log, campaign, reply_window, stops) returns one row per campaign step. */
PG_FUNCTION_INFO_V1(smskpi_campaign_falloff);
Datum
smskpi_campaign_falloff(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		window = cm_window_arg(fcinfo, 2, "reply_window");
	CmLog		log;
	CmEvents	stops;
	FoCtx		c;
	FoRow	  **rows;
	int64		nrows;

	cm_init_srf(fcinfo);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (rsinfo->setDesc->natts != FO_NCOLS)
		elog(ERROR, "campaign_falloff: wrong number of result columns");
	cm_read_log(PG_GETARG_BYTEA_P(0), &log);
	if (!PG_ARGISNULL(3))
		cm_read_events(PG_GETARG_BYTEA_P(3), &stops);

	c.cxt = CurrentMemoryContext;
	c.rows = forow_create(CurrentMemoryContext, 64, NULL);
	c.last = NULL;
	c.one_campaign = !PG_ARGISNULL(1);
	c.campaign = c.one_campaign ? PG_GETARG_INT64(1) : 0;
	c.itemcap = 16;
	c.items = palloc_array(FoItem, c.itemcap);

	cm_attribute(&log, window, CM_NO_WINDOW, PG_ARGISNULL(3) ? NULL : &stops, 1, fo_contact, &c);

	/* the rows stay where they are: nothing is inserted any more */
	rows = fo_sorted_rows(c.rows, &nrows);
	fo_emit(rsinfo, rows, nrows, false, 0);
	PG_RETURN_NULL();
}

/* ---------------------------------------------------------------------
 * smskpi.falloff_state: the funnel summed over contacts
 *
 * Flat form (a varlena; its text form is \x and the hex of the binary
 * form, which is the same fields in network byte order):
 *	 FsHeader
 *	 FsStep	 steps[nsteps]		sorted by (campaign, step)
 *	 int64	 delays[ndelays]	each step's delays in step order, sorted
 * In an aggregate it is an expanded object: a hash table of FoRows in its
 * own memory context, changed in place (no copy per contact).
 * ---------------------------------------------------------------------
 */

typedef struct FsHeader
{
	int32		vl_len_;
	uint32		magic;			/* FS_MAGIC */
	uint16		version;		/* FS_VERSION */
	uint16		flags;			/* 0 */
	int32		nsteps;
	int64		window;			/* reply window (usec), CM_NO_WINDOW for none */
	int64		ndelays;
} FsHeader;

typedef struct FsStep
{
	int64		campaign;
	int32		step;
	int32		pad;			/* 0 */
	int64		recipients;
	int64		delivered;
	int64		replied;
	int64		positive;
	int64		opted_out;
	int64		still_active;
	int64		ndelays;
} FsStep;

#define FS_MAGIC	0x53464b53	/* "SKFS" */
#define FS_VERSION	1
#define FS_STEPS(h)		((FsStep *) ((char *) (h) + sizeof(FsHeader)))
#define FS_DELAYS(h)	((int64 *) (FS_STEPS(h) + (h)->nsteps))
#define FS_MAX_ITEMS	((int64) ((MaxAllocSize - sizeof(FsHeader)) / sizeof(int64)))

typedef struct FsExpanded
{
	ExpandedObjectHeader hdr;
	int64		window;
	FoCtx		c;				/* rows (in hdr.eoh_context), scratch items */
} FsExpanded;

static Size fs_get_flat_size(ExpandedObjectHeader *eohptr);
static void fs_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods fs_methods = {
	fs_get_flat_size,
	fs_flatten_into
};

static FsExpanded *
fs_create(int64 window, MemoryContext parent)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "smskpi falloff state",
											  ALLOCSET_SMALL_SIZES);
	FsExpanded *e = MemoryContextAllocZero(cxt, sizeof(FsExpanded));

	EOH_init_header(&e->hdr, &fs_methods, cxt);
	e->window = window;
	e->c.cxt = cxt;
	e->c.rows = forow_create(cxt, 64, NULL);
	e->c.last = NULL;
	e->c.one_campaign = false;
	e->c.itemcap = 16;
	e->c.items = MemoryContextAlloc(cxt, e->c.itemcap * sizeof(FoItem));
	return e;
}

static Size
fs_get_flat_size(ExpandedObjectHeader *eohptr)
{
	FsExpanded *e = (FsExpanded *) eohptr;
	forow_iterator it;
	FoRow	   *r;
	int64		nd = 0;
	Size		size;

	forow_start_iterate(e->c.rows, &it);
	while ((r = forow_iterate(e->c.rows, &it)) != NULL)
		nd += r->ndelays;
	size = sizeof(FsHeader) + (Size) e->c.rows->members * sizeof(FsStep) + (Size) nd * sizeof(int64);
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("falloff state too large"),
				 errdetail("A falloff_state is at most 1 GB: about 130 million replying contact-steps.")));
	return size;
}

static void
fs_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	FsExpanded *e = (FsExpanded *) eohptr;
	FsHeader   *h = (FsHeader *) result;
	FoRow	  **rows;
	int64		nrows,
				nd = 0;
	FsStep	   *st;
	int64	   *d;
	MemoryContext old = MemoryContextSwitchTo(e->hdr.eoh_context);

	rows = fo_sorted_rows(e->c.rows, &nrows);
	MemoryContextSwitchTo(old);
	memset(h, 0, sizeof(FsHeader));
	SET_VARSIZE(h, allocated_size);
	h->magic = FS_MAGIC;
	h->version = FS_VERSION;
	h->nsteps = (int32) nrows;
	h->window = e->window;
	st = FS_STEPS(h);
	for (int64 i = 0; i < nrows; i++)
	{
		memset(&st[i], 0, sizeof(FsStep));
		st[i].campaign = rows[i]->key.campaign;
		st[i].step = rows[i]->key.step;
		st[i].recipients = rows[i]->recipients;
		st[i].delivered = rows[i]->delivered;
		st[i].replied = rows[i]->replied;
		st[i].positive = rows[i]->positive;
		st[i].opted_out = rows[i]->opted_out;
		st[i].still_active = rows[i]->still_active;
		st[i].ndelays = rows[i]->ndelays;
		nd += rows[i]->ndelays;
	}
	h->ndelays = nd;
	d = FS_DELAYS(h);
	for (int64 i = 0; i < nrows; i++)
	{
		memcpy(d, rows[i]->delays, (Size) rows[i]->ndelays * sizeof(int64));
		d += rows[i]->ndelays;
	}
	Assert((char *) d - (char *) h == allocated_size);
	pfree(rows);
}

/* the read-write expanded state a datum points to, or NULL */
static FsExpanded *
fs_rw(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &fs_methods)
			return (FsExpanded *) eoh;
	}
	return NULL;
}

/* a flat state of any datum (flattened or detoasted into a copy if need be) */
static FsHeader *
fs_flat(Datum d)
{
	FsHeader   *h = (FsHeader *) PG_DETOAST_DATUM(d);

	/* only smskpi builds these (input is checked): a cheap sanity check */
	if (VARSIZE(h) < sizeof(FsHeader) || h->magic != FS_MAGIC)
		elog(ERROR, "unexpected smskpi falloff_state value");
	return h;
}

static void
fs_window_mismatch(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("falloff states with different reply windows cannot be merged"),
			 errdetail("The reply_window of falloff_state() must be the same for every row and every merged state.")));
}

/* add a flat state's steps into e */
static void
fs_add_flat(FsExpanded *e, const FsHeader *h)
{
	const FsStep *st = FS_STEPS(h);
	const int64 *d = FS_DELAYS(h);
	MemoryContext old;

	if (h->window != e->window)
		fs_window_mismatch();
	old = MemoryContextSwitchTo(e->hdr.eoh_context);
	for (int32 i = 0; i < h->nsteps; i++)
	{
		FoKey		key;
		FoRow	   *r;
		bool		found;

		memset(&key, 0, sizeof(key));
		key.campaign = st[i].campaign;
		key.step = st[i].step;
		r = forow_insert(e->c.rows, key, &found);
		if (!found)
		{
			r->recipients = r->delivered = r->replied = r->positive = 0;
			r->opted_out = r->still_active = r->ndelays = r->delaycap = 0;
			r->delays = NULL;
		}
		r->recipients += st[i].recipients;
		r->delivered += st[i].delivered;
		r->replied += st[i].replied;
		r->positive += st[i].positive;
		r->opted_out += st[i].opted_out;
		r->still_active += st[i].still_active;
		if (st[i].ndelays > 0)
		{
			int64		need = r->ndelays + st[i].ndelays;

			if (need > r->delaycap)
			{
				r->delaycap = Max(need, Min(r->delaycap * 2, FS_MAX_ITEMS));
				r->delays = r->delays
					? repalloc_huge(r->delays, r->delaycap * sizeof(int64))
					: MemoryContextAllocHuge(e->c.cxt, r->delaycap * sizeof(int64));
			}
			memcpy(r->delays + r->ndelays, d, st[i].ndelays * sizeof(int64));
			r->ndelays = need;
		}
		d += st[i].ndelays;
	}
	e->c.last = NULL;
	MemoryContextSwitchTo(old);
}

/* the state argument as a read-write expanded state of ours (a new one if NULL or not ours) */
static FsExpanded *
fs_state_arg(FunctionCallInfo fcinfo, int argno, int64 window, MemoryContext aggcxt)
{
	FsExpanded *e;

	if (PG_ARGISNULL(argno))
		return fs_create(window, aggcxt);
	e = fs_rw(PG_GETARG_DATUM(argno));
	if (e == NULL)
	{
		FsHeader   *h = fs_flat(PG_GETARG_DATUM(argno));

		e = fs_create(h->window, aggcxt);
		fs_add_flat(e, h);
	}
	return e;
}

/*
 * falloff_state_sfunc(state, history [, reply_window [, stopped_at]])
 * returns the state with the contact's campaign steps added.
 */
PG_FUNCTION_INFO_V1(smskpi_falloff_state_sfunc);
Datum
smskpi_falloff_state_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	int64		window = cm_window_arg(fcinfo, 2, "reply_window");
	FsExpanded *e;
	CmLog		log;
	CmEvents	stops;
	CmEvent		stop;
	MemoryContext old;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("falloff_state_sfunc called in non-aggregate context")));
	e = fs_state_arg(fcinfo, 0, window, aggcxt);
	if (e->window != window)
		fs_window_mismatch();
	if (!PG_ARGISNULL(1))
	{
		ch_read(PG_GETARG_DATUM(1), &log, &stop.contact_id);
		if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		{
			stop.at = PG_GETARG_TIMESTAMPTZ(3);
			stops.ev = &stop;
			stops.n = 1;
		}
		old = MemoryContextSwitchTo(e->hdr.eoh_context);
		e->c.last = NULL;
		cm_attribute(&log, window, CM_NO_WINDOW,
					 (PG_NARGS() > 3 && !PG_ARGISNULL(3)) ? &stops : NULL,
					 1, fo_contact, &e->c);
		MemoryContextSwitchTo(old);
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/* falloff_state_combine(a, b) returns the two funnels added up. */
PG_FUNCTION_INFO_V1(smskpi_falloff_state_combine);
Datum
smskpi_falloff_state_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	FsExpanded *e,
			   *be;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("falloff_state_combine called in non-aggregate context")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(EOHPGetRWDatum(&fs_state_arg(fcinfo, 0, 0, aggcxt)->hdr));
	}
	if (PG_ARGISNULL(0))
		e = fs_state_arg(fcinfo, 1, 0, aggcxt);	/* a copy of b */
	else
	{
		e = fs_state_arg(fcinfo, 0, 0, aggcxt);
		be = fs_rw(PG_GETARG_DATUM(1));
		if (be != NULL)
		{
			/* b is another expanded state: read its flat form */
			Size		size = fs_get_flat_size(&be->hdr);
			FsHeader   *h = palloc_extended(size, MCXT_ALLOC_HUGE);

			fs_flatten_into(&be->hdr, h, size);
			fs_add_flat(e, h);
			pfree(h);
		}
		else
			fs_add_flat(e, fs_flat(PG_GETARG_DATUM(1)));
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/* campaign_falloff(state, campaign) returns one row per campaign step of a falloff_state. */
PG_FUNCTION_INFO_V1(smskpi_falloff_state_rows);
Datum
smskpi_falloff_state_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	FsHeader   *h;
	FsStep	   *st;
	int64	   *d;
	FoRow	   *rows;
	FoRow	  **ptrs;

	cm_init_srf(fcinfo);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	h = fs_flat(PG_GETARG_DATUM(0));
	st = FS_STEPS(h);
	d = FS_DELAYS(h);
	rows = palloc0_array(FoRow, Max(h->nsteps, 1));
	ptrs = palloc_array(FoRow *, Max(h->nsteps, 1));
	for (int32 i = 0; i < h->nsteps; i++)
	{
		rows[i].key.campaign = st[i].campaign;
		rows[i].key.step = st[i].step;
		rows[i].recipients = st[i].recipients;
		rows[i].delivered = st[i].delivered;
		rows[i].replied = st[i].replied;
		rows[i].positive = st[i].positive;
		rows[i].opted_out = st[i].opted_out;
		rows[i].still_active = st[i].still_active;
		rows[i].ndelays = st[i].ndelays;
		rows[i].delays = d;		/* sorted in a flat state */
		d += st[i].ndelays;
		ptrs[i] = &rows[i];
	}
	fo_emit(rsinfo, ptrs, h->nsteps, !PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_INT64(1));
	PG_RETURN_NULL();
}

/* ---------------------------------------------------------------------
 * I/O of falloff_state
 * ---------------------------------------------------------------------
 */

static void
fs_bad(const char *detail)
{
	cm_bad_log("falloff_state", detail);
}

static void
fs_write(StringInfo buf, const FsHeader *h)
{
	const FsStep *st = FS_STEPS(h);
	const int64 *d = FS_DELAYS(h);

	pq_sendint8(buf, FS_VERSION);
	pq_sendint64(buf, h->window);
	pq_sendint32(buf, h->nsteps);
	for (int32 i = 0; i < h->nsteps; i++)
	{
		pq_sendint64(buf, st[i].campaign);
		pq_sendint32(buf, st[i].step);
		pq_sendint64(buf, st[i].recipients);
		pq_sendint64(buf, st[i].delivered);
		pq_sendint64(buf, st[i].replied);
		pq_sendint64(buf, st[i].positive);
		pq_sendint64(buf, st[i].opted_out);
		pq_sendint64(buf, st[i].still_active);
		pq_sendint64(buf, st[i].ndelays);
	}
	for (int64 i = 0; i < h->ndelays; i++)
		pq_sendint64(buf, d[i]);
}

#define FS_WIRE_STEP	(8 + 4 + 7 * 8)

static FsHeader *
fs_read(StringInfo buf)
{
	int64		window,
				nd = 0;
	int32		nsteps;
	FsHeader   *h;
	FsStep	   *st;
	int64	   *d;
	Size		size;

	if (buf->len - buf->cursor < 1 + 8 + 4)
		fs_bad("The value is too short.");
	if (pq_getmsgint(buf, 1) != FS_VERSION)
		fs_bad("The format version is not supported.");
	window = pq_getmsgint64(buf);
	if (window <= 0)
		fs_bad("The reply window is not positive.");
	nsteps = (int32) pq_getmsgint(buf, 4);
	if (nsteps < 0 || (int64) nsteps * FS_WIRE_STEP > buf->len - buf->cursor)
		fs_bad("The step count does not match the length.");
	/* the steps first, into a scratch array, to learn the delay count */
	st = palloc0_array(FsStep, Max(nsteps, 1));
	for (int32 i = 0; i < nsteps; i++)
	{
		st[i].campaign = pq_getmsgint64(buf);
		st[i].step = (int32) pq_getmsgint(buf, 4);
		st[i].recipients = pq_getmsgint64(buf);
		st[i].delivered = pq_getmsgint64(buf);
		st[i].replied = pq_getmsgint64(buf);
		st[i].positive = pq_getmsgint64(buf);
		st[i].opted_out = pq_getmsgint64(buf);
		st[i].still_active = pq_getmsgint64(buf);
		st[i].ndelays = pq_getmsgint64(buf);
		if (st[i].recipients <= 0 ||
			st[i].delivered < 0 || st[i].delivered > st[i].recipients ||
			st[i].replied < 0 || st[i].replied > st[i].recipients ||
			st[i].positive < 0 || st[i].positive > st[i].replied ||
			st[i].opted_out < 0 || st[i].opted_out > st[i].recipients ||
			st[i].still_active < 0 || st[i].still_active > st[i].recipients ||
			st[i].ndelays != st[i].replied)
			fs_bad("A step has inconsistent counts.");
		if (i > 0 && (st[i - 1].campaign > st[i].campaign ||
					  (st[i - 1].campaign == st[i].campaign && st[i - 1].step >= st[i].step)))
			fs_bad("The steps are not in order.");
		nd += st[i].ndelays;
		if (nd > FS_MAX_ITEMS)
			fs_bad("The value is too large.");
	}
	if ((int64) (buf->len - buf->cursor) != nd * 8)
		fs_bad("The delay count does not match the length.");
	size = sizeof(FsHeader) + (Size) nsteps * sizeof(FsStep) + (Size) nd * sizeof(int64);
	if (size > MaxAllocSize)
		fs_bad("The value is too large.");
	h = palloc0(size);
	SET_VARSIZE(h, size);
	h->magic = FS_MAGIC;
	h->version = FS_VERSION;
	h->nsteps = nsteps;
	h->window = window;
	h->ndelays = nd;
	memcpy(FS_STEPS(h), st, (Size) nsteps * sizeof(FsStep));
	pfree(st);
	st = FS_STEPS(h);
	d = FS_DELAYS(h);
	for (int32 i = 0; i < nsteps; i++)
	{
		for (int64 k = 0; k < st[i].ndelays; k++)
		{
			d[k] = pq_getmsgint64(buf);
			if (d[k] <= 0 || d[k] > window || (k > 0 && d[k - 1] > d[k]))
				fs_bad("A step's reply delays are out of range or not in order.");
		}
		d += st[i].ndelays;
	}
	pq_getmsgend(buf);
	return h;
}

/* falloff_state_in(cstring) returns the state written as hex by falloff_state_out. */
PG_FUNCTION_INFO_V1(smskpi_falloff_state_in);
Datum
smskpi_falloff_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	StringInfoData buf;
	FsHeader   *h;

	if (len < 2 || str[0] != '\\' || str[1] != 'x' || len % 2 != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type smskpi.falloff_state"),
				 errdetail("A state is written as \\x followed by an even number of hex digits.")));
	initStringInfo(&buf);
	enlargeStringInfo(&buf, (len - 2) / 2 + 1);
	buf.len = hex_decode(str + 2, len - 2, buf.data);
	buf.data[buf.len] = '\0';
	h = fs_read(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(h);
}

/* falloff_state_out(state) returns the state as \x and hex digits. */
PG_FUNCTION_INFO_V1(smskpi_falloff_state_out);
Datum
smskpi_falloff_state_out(PG_FUNCTION_ARGS)
{
	FsHeader   *h = fs_flat(PG_GETARG_DATUM(0));
	StringInfoData buf;
	char	   *out;

	initStringInfo(&buf);
	fs_write(&buf, h);
	out = palloc_extended((Size) buf.len * 2 + 3, MCXT_ALLOC_HUGE);
	out[0] = '\\';
	out[1] = 'x';
	out[2 + hex_encode(buf.data, buf.len, out + 2)] = '\0';
	PG_RETURN_CSTRING(out);
}

/* falloff_state_recv(internal) returns the state read from its binary form. */
PG_FUNCTION_INFO_V1(smskpi_falloff_state_recv);
Datum
smskpi_falloff_state_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(fs_read((StringInfo) PG_GETARG_POINTER(0)));
}

/* falloff_state_send(state) returns the binary form of the state. */
PG_FUNCTION_INFO_V1(smskpi_falloff_state_send);
Datum
smskpi_falloff_state_send(PG_FUNCTION_ARGS)
{
	FsHeader   *h = fs_flat(PG_GETARG_DATUM(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	fs_write(&buf, h);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
