/*-------------------------------------------------------------------------
 *
 * attribution.c
 *	  Reply attribution, the core of smskpi's campaign analytics: for every
 *	  outbound message, did the contact answer it, how fast, and how.
 *
 *	  A reply (an inbound message) belongs to the latest outbound message
 *	  before it in the same conversation of the same contact that was not
 *	  failed or undelivered.  "Before" is the order of the message log:
 *	  sent_at, and at equal sent_at inbound before outbound (a reply in the
 *	  same microsecond as the next outbound message still answers the
 *	  earlier one: the later message is typically the automatic answer to
 *	  it), then message_id.  So the attribution window of an outbound message
 *	  sent at t, whose conversation's next non-failed outbound message is
 *	  sent at t', is the half-open interval (t, t'] (or (t, infinity)).
 *	  Failed and undelivered messages get no replies and do not close the
 *	  window of the message before them.
 *
 *	  cm_attribute() computes this in one pass over a finished message log
 *	  (sorted by contact, then time), one contact at a time, with a small
 *	  per-contact table of open conversations: O(messages) time, memory
 *	  O(largest contact).  smskpi.reply_attribution() returns its result
 *	  as rows.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type_d.h"
#include "common/int.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "campaign.h"
#include "intent.h"

/* open conversations of one contact: open addressing, cleared by generation */
typedef struct ConvSlot
{
	int64		key;
	uint64		gen;
	int32		out;			/* index into outs of the open message, -1 none */
} ConvSlot;

typedef struct ConvTable
{
	ConvSlot   *slots;
	uint32		size;			/* power of two */
	uint32		used;			/* slots of the current generation */
	uint64		gen;
	int32		null_out;		/* open message of the NULL conversation */
} ConvTable;

static inline uint32
conv_hash(int64 key)
{
	uint64		x = (uint64) key;

	x ^= x >> 33;
	x *= UINT64CONST(0xff51afd7ed558ccd);
	x ^= x >> 33;
	return (uint32) x;
}

static void
conv_reset(ConvTable *t)
{
	t->gen++;
	t->used = 0;
	t->null_out = -1;
}

static ConvSlot *
conv_find(ConvTable *t, int64 key, bool insert)
{
	uint32		mask = t->size - 1;
	uint32		i = conv_hash(key) & mask;

	for (;;)
	{
		ConvSlot   *s = &t->slots[i];

		if (s->gen != t->gen)
		{
			if (!insert)
				return NULL;
			break;
		}
		if (s->key == key)
			return s;
		i = (i + 1) & mask;
	}

	/* insert: grow first when the table would be more than half full */
	if ((t->used + 1) * 2 > t->size)
	{
		ConvSlot   *old = t->slots;
		uint32		oldsize = t->size,
					j;

		t->size *= 2;
		t->slots = palloc0_array(ConvSlot, t->size);
		t->used = 0;
		for (j = 0; j < oldsize; j++)
			if (old[j].gen == t->gen)
			{
				ConvSlot   *n = conv_find(t, old[j].key, true);

				n->out = old[j].out;
			}
		pfree(old);
		return conv_find(t, key, true);
	}
	t->slots[i].key = key;
	t->slots[i].gen = t->gen;
	t->slots[i].out = -1;
	t->used++;
	return &t->slots[i];
}

void
cm_attribute(const CmLog *log, int64 window_usec, int64 opt_out_window_usec,
			 const CmEvents *stops, int32 first_position, cm_contact_fn fn, void *arg)
{
	const CmMsg *msgs = log->msgs;
	int64		i = 0,
				stop_cursor = 0;
	int			outcap = 64;
	CmOutcome  *outs = palloc_array(CmOutcome, outcap);
	ConvTable	convs;

	convs.size = 64;
	convs.slots = palloc0_array(ConvSlot, convs.size);
	convs.gen = 0;

	while (i < log->n)
	{
		int64		contact = msgs[i].contact_id;
		TimestampTz stop_at = cm_events_first(stops, &stop_cursor, contact);
		bool		opted_out = false;
		int			nout = 0;
		int64		k;

		conv_reset(&convs);
		for (k = i; k < log->n && msgs[k].contact_id == contact; k++)
		{
			const CmMsg *m = &msgs[k];
			int32	   *open;

			if ((k & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();

			if (m->flags & CM_CONV_NULL)
				open = &convs.null_out;
			else
				open = &conv_find(&convs, m->conversation_id, true)->out;

			if (m->flags & CM_OUTBOUND)
			{
				CmOutcome  *o;

				if (nout == outcap)
				{
					if (outcap >= PG_INT32_MAX / 2)
						ereport(ERROR,
								(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
								 errmsg("too many outbound messages for one contact")));
					outcap *= 2;
					outs = repalloc_huge(outs, outcap * sizeof(CmOutcome));
				}
				o = &outs[nout];
				o->msg = m;
				o->position = first_position + nout++;
				o->replies = 0;
				o->first_reply_at = DT_NOEND;
				o->first_reply = NULL;
				o->positive = false;
				o->opted_out = false;
				o->still_active = !opted_out && !(stop_at <= m->sent_at);
				if (!(m->flags & CM_FAILED))
					*open = nout - 1;
			}
			else
			{
				bool		is_stop = !(m->flags & CM_BODY_NULL) &&
					m->intent == (uint8) SMS_INTENT_OPT_OUT;

				if (*open >= 0)
				{
					CmOutcome  *o = &outs[*open];
					int64		delay;

					bool		in_range = !pg_sub_s64_overflow(m->sent_at, o->msg->sent_at, &delay);

					if (is_stop && (opt_out_window_usec == CM_NO_WINDOW ||
									(in_range && delay <= opt_out_window_usec)))
						o->opted_out = true;
					if (in_range && delay <= window_usec)
					{
						if (o->replies++ == 0)
						{
							o->first_reply = m;
							o->first_reply_at = m->sent_at;
						}
						if (!(m->flags & CM_BODY_NULL) &&
							m->intent == (uint8) SMS_INTENT_YES)
							o->positive = true;
					}
				}
				if (is_stop)
					opted_out = true;
			}
		}
		if (nout > 0)
			fn(arg, outs, nout);
		i = k;
	}
	pfree(outs);
	pfree(convs.slots);
}

/* ---------------------------------------------------------------------
 * smskpi.reply_attribution(log bytea, reply_window interval, stops bytea)
 * ---------------------------------------------------------------------
 */

#define ATTR_NCOLS 18

/* the result columns' types, in order (checked against the call's TupleDesc) */
static const Oid attr_types[ATTR_NCOLS] = {
	INT8OID,					/* message_id */
	INT8OID,					/* contact_id */
	INT8OID,					/* conversation_id */
	INT8OID,					/* campaign_id */
	INT4OID,					/* campaign_step */
	TIMESTAMPTZOID,				/* sent_at */
	INT4OID,					/* position */
	BOOLOID,					/* delivered */
	BOOLOID,					/* failed */
	BOOLOID,					/* mms */
	BOOLOID,					/* still_active */
	BOOLOID,					/* replied */
	INT4OID,					/* replies */
	INTERVALOID,				/* reply_delay */
	TEXTOID,					/* reply_intent */
	FLOAT8OID,					/* reply_sentiment */
	BOOLOID,					/* positive */
	BOOLOID						/* opted_out */
};

/*
 * Rows are formed here rather than by heap_form_minimal_tuple(): the layout
 * is fixed, so each row is written straight into a reusable buffer (what
 * heap_fill_tuple() would write: each value at its type's alignment, the
 * short intent text with a 1-byte header and no alignment, NULLs left out
 * and cleared in the bitmap) and the tuplestore copies it.  This is a third
 * of the function's time.  The largest row is 24 + 98 bytes.
 */
#define ATTR_ROW_MAX	256
#define ATTR_ROW_USED	(MAXALIGN(SizeofMinimalTupleHeader + BITMAPLEN(ATTR_NCOLS)) + 104)

typedef struct AttrCtx
{
	Tuplestorestate *ts;
	TupleDesc	desc;
	TupleTableSlot *slot;		/* minimal-tuple slot over buf */
	union
	{
		char		data[ATTR_ROW_MAX];
		double		align;		/* MAXALIGN */
	}			buf;
	const char *intent_name[SMS_INTENT_OTHER + 1];
	uint8		intent_len[SMS_INTENT_OTHER + 1];
} AttrCtx;

#define PUT(type, alignval, value) \
	do { \
		off = TYPEALIGN(alignval, off); \
		*(type *) (data + off) = (value); \
		off += sizeof(type); \
	} while (0)

static void
attr_emit(void *arg, CmOutcome *outs, int n)
{
	AttrCtx    *c = arg;
	int			i;

	for (i = 0; i < n; i++)
	{
		const CmOutcome *o = &outs[i];
		const CmMsg *m = o->msg;
		MinimalTuple tup = (MinimalTuple) c->buf.data;
		bool		nulls[ATTR_NCOLS];
		bool		hasnull;
		bool		reply_body;
		int64		delay = 0;
		Size		hoff,
					off = 0;
		char	   *data;
		int			k;

		reply_body = o->first_reply != NULL &&
			!(o->first_reply->flags & CM_BODY_NULL);
		if (o->first_reply != NULL &&
			pg_sub_s64_overflow(o->first_reply_at, m->sent_at, &delay))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("reply delay out of range")));

		memset(nulls, 0, sizeof(nulls));
		nulls[0] = (m->flags & CM_MSGID_NULL) != 0;
		nulls[2] = (m->flags & CM_CONV_NULL) != 0;
		nulls[3] = (m->flags & CM_CAMPAIGN_NULL) != 0;
		nulls[4] = (m->flags & CM_STEP_NULL) != 0;
		nulls[9] = (m->flags & CM_MEDIA_NULL) != 0;
		nulls[13] = o->first_reply == NULL;
		nulls[14] = nulls[15] = !reply_body;
		hasnull = nulls[0] || nulls[2] || nulls[3] || nulls[4] || nulls[9] ||
			nulls[13] || nulls[14];

		hoff = hasnull ? MAXALIGN(SizeofMinimalTupleHeader + BITMAPLEN(ATTR_NCOLS))
			: MAXALIGN(SizeofMinimalTupleHeader);
		memset(tup, 0, ATTR_ROW_USED);
		data = (char *) tup + hoff;

		if (!nulls[0])
			PUT(int64, ALIGNOF_DOUBLE, m->message_id);
		PUT(int64, ALIGNOF_DOUBLE, m->contact_id);
		if (!nulls[2])
			PUT(int64, ALIGNOF_DOUBLE, m->conversation_id);
		if (!nulls[3])
			PUT(int64, ALIGNOF_DOUBLE, m->campaign_id);
		if (!nulls[4])
			PUT(int32, ALIGNOF_INT, m->u.campaign_step);
		PUT(int64, ALIGNOF_DOUBLE, m->sent_at);
		PUT(int32, ALIGNOF_INT, o->position);
		PUT(bool, 1, (m->flags & CM_DELIVERED) != 0);
		PUT(bool, 1, (m->flags & CM_FAILED) != 0);
		if (!nulls[9])
			PUT(bool, 1, (m->flags & CM_MMS) != 0);
		PUT(bool, 1, o->still_active);
		PUT(bool, 1, o->replies > 0);
		PUT(int32, ALIGNOF_INT, o->replies);
		if (!nulls[13])
		{
			Interval	iv;

			cm_interval_set(&iv, delay);
			off = TYPEALIGN(ALIGNOF_DOUBLE, off);
			memcpy(data + off, &iv, sizeof(Interval));
			off += sizeof(Interval);
		}
		if (reply_body)
		{
			int			len = c->intent_len[o->first_reply->intent];

			/* a short varlena: 1-byte header, no alignment */
			SET_VARSIZE_SHORT(data + off, VARHDRSZ_SHORT + len);
			memcpy(data + off + VARHDRSZ_SHORT, c->intent_name[o->first_reply->intent], len);
			off += VARHDRSZ_SHORT + len;
			PUT(float8, ALIGNOF_DOUBLE, (double) o->first_reply->u.sentiment);
		}
		PUT(bool, 1, o->positive);
		PUT(bool, 1, o->opted_out);
		Assert(hoff + off <= ATTR_ROW_USED);

		tup->t_len = hoff + off;
		HeapTupleHeaderSetNatts(tup, ATTR_NCOLS);
		tup->t_hoff = hoff + MINIMAL_TUPLE_OFFSET;
		tup->t_infomask = (reply_body ? HEAP_HASVARWIDTH : 0) |
			(hasnull ? HEAP_HASNULL : 0);
		if (hasnull)
			for (k = 0; k < ATTR_NCOLS; k++)
				if (!nulls[k])
					tup->t_bits[k >> 3] |= (bits8) (1 << (k & 7));

		ExecStoreMinimalTuple(tup, c->slot, false);
		tuplestore_puttupleslot(c->ts, c->slot);
	}
}

/* check the call's result columns and set up c to write rows into its tuplestore */
static void
attr_begin(FunctionCallInfo fcinfo, AttrCtx *c)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	if (rsinfo->setDesc->natts != ATTR_NCOLS)
		elog(ERROR, "reply_attribution: wrong number of result columns");
	for (int i = 0; i < ATTR_NCOLS; i++)
		if (TupleDescAttr(rsinfo->setDesc, i)->atttypid != attr_types[i] ||
			TupleDescAttr(rsinfo->setDesc, i)->attisdropped)
			elog(ERROR, "reply_attribution: unexpected type of result column %d", i + 1);
	c->ts = rsinfo->setResult;
	c->desc = rsinfo->setDesc;
	c->slot = MakeSingleTupleTableSlot(rsinfo->setDesc, &TTSOpsMinimalTuple);
	for (int i = 0; i <= SMS_INTENT_OTHER; i++)
	{
		c->intent_name[i] = smskpi_intent_name((SmsIntent) i);
		c->intent_len[i] = (uint8) strlen(c->intent_name[i]);
		Assert(c->intent_len[i] + VARHDRSZ_SHORT <= VARATT_SHORT_MAX);
	}
}

/* reply_attribution(log, reply_window, stops) returns one row per outbound message with its replies. */
PG_FUNCTION_INFO_V1(smskpi_reply_attribution);
Datum
smskpi_reply_attribution(PG_FUNCTION_ARGS)
{
	int64		window = cm_window_arg(fcinfo, 1, "reply_window");
	CmLog		log;
	CmEvents	stops;
	AttrCtx		c;

	cm_init_srf(fcinfo);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	attr_begin(fcinfo, &c);
	cm_read_log(PG_GETARG_BYTEA_P(0), &log);
	if (!PG_ARGISNULL(2))
		cm_read_events(PG_GETARG_BYTEA_P(2), &stops);
	cm_attribute(&log, window, CM_NO_WINDOW, PG_ARGISNULL(2) ? NULL : &stops, 1, attr_emit, &c);
	ExecDropSingleTupleTableSlot(c.slot);
	PG_RETURN_NULL();
}

/*
 * reply_attribution(history, reply_window, stopped_at, first_position,
 * opt_out_window) returns one row per outbound message of one contact's
 * history.
 */
PG_FUNCTION_INFO_V1(smskpi_history_attribution);
Datum
smskpi_history_attribution(PG_FUNCTION_ARGS)
{
	int64		window = cm_window_arg(fcinfo, 1, "reply_window");
	int64		opt_out_window = cm_window_arg(fcinfo, 4, "opt_out_window");
	int32		first = cm_first_position_arg(fcinfo, 3);
	CmLog		log;
	CmEvents	stops;
	CmEvent		stop;
	AttrCtx		c;

	cm_init_srf(fcinfo);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	attr_begin(fcinfo, &c);
	ch_read(PG_GETARG_DATUM(0), &log, &stop.contact_id);
	cm_check_first_position(first, &log);
	if (!PG_ARGISNULL(2))
	{
		stop.at = PG_GETARG_TIMESTAMPTZ(2);
		stops.ev = &stop;
		stops.n = 1;
	}
	cm_attribute(&log, window, opt_out_window, PG_ARGISNULL(2) ? NULL : &stops, first, attr_emit, &c);
	ExecDropSingleTupleTableSlot(c.slot);
	PG_RETURN_NULL();
}
