/*-------------------------------------------------------------------------
 *
 * falloff.c
 *	  smskpi.campaign_falloff(): the per-step funnel of drip campaigns and
 *	  the step where replies "tank" (doc/campaign.md, "Campaign falloff").
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
#include "miscadmin.h"
#include "utils/builtins.h"
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
				: MemoryContextAllocHuge(CurrentMemoryContext,
										 r->delaycap * sizeof(int64));
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

/* campaign_falloff(log, campaign, reply_window, stops) returns one row per campaign step. */
PG_FUNCTION_INFO_V1(smskpi_campaign_falloff);
Datum
smskpi_campaign_falloff(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		window = cm_window_arg(fcinfo, 2);
	CmLog		log;
	CmEvents	stops;
	FoCtx		c;
	forow_iterator it;
	FoRow	  **rows;
	FoRow	   *r;
	int64		nrows = 0,
				i;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (rsinfo->setDesc->natts != FO_NCOLS)
		elog(ERROR, "campaign_falloff: wrong number of result columns");
	cm_read_log(PG_GETARG_BYTEA_P(0), &log);
	if (!PG_ARGISNULL(3))
		cm_read_events(PG_GETARG_BYTEA_P(3), &stops);

	c.rows = forow_create(CurrentMemoryContext, 64, NULL);
	c.last = NULL;
	c.one_campaign = !PG_ARGISNULL(1);
	c.campaign = c.one_campaign ? PG_GETARG_INT64(1) : 0;
	c.itemcap = 16;
	c.items = palloc_array(FoItem, c.itemcap);

	cm_attribute(&log, window, PG_ARGISNULL(3) ? NULL : &stops, fo_contact, &c);

	/* the rows stay where they are: nothing is inserted any more */
	rows = palloc_array(FoRow *, c.rows->members + 1);
	forow_start_iterate(c.rows, &it);
	while ((r = forow_iterate(c.rows, &it)) != NULL)
		rows[nrows++] = r;
	qsort(rows, nrows, sizeof(FoRow *), fo_row_cmp);

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
			Datum		v[FO_NCOLS];
			bool		nulls[FO_NCOLS];
			Interval	median;

			r = rows[k];
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
				int64		lo,
							hi;

				fo_sort_delays(r->delays, r->ndelays);
				lo = r->delays[(r->ndelays - 1) / 2];
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
		i = end;
	}
	PG_RETURN_NULL();
}
