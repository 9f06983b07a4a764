/*-------------------------------------------------------------------------
 *
 * campaign_speed.c
 *	  smskpi.speed_to_lead(): for every opt-in event (a contact event log),
 *	  the first outbound message to that contact at or after the opt-in
 *	  that did not fail, the delay, and whether it came within a window.
 *	  A lead never contacted has NULL first_outbound_at and delay.
 *
 *	  One merge pass over the two logs, both sorted by contact then time:
 *	  O(messages + events).  Within a contact the answer of a later opt-in is
 *	  never before the answer of an earlier one, so the message cursor only
 *	  moves forward.
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

#define SP_NCOLS 5

/* speed_to_lead(log, opt_ins, within) returns one row per opt-in with the delay to the first message. */
PG_FUNCTION_INFO_V1(smskpi_speed_to_lead);
Datum
smskpi_speed_to_lead(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		within = cm_window_arg(fcinfo, 2, "within");
	CmLog		log;
	CmEvents	ev;
	int64		k = 0,
				e;

	cm_init_srf(fcinfo);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (rsinfo->setDesc->natts != SP_NCOLS)
		elog(ERROR, "speed_to_lead: wrong number of result columns");
	cm_read_log(PG_GETARG_BYTEA_P(0), &log);
	cm_read_events(PG_GETARG_BYTEA_P(1), &ev);

	for (e = 0; e < ev.n; e++)
	{
		const CmEvent *oi = &ev.ev[e];
		Datum		v[SP_NCOLS];
		bool		nulls[SP_NCOLS] = {0};
		Interval	delay_iv;
		const CmMsg *first = NULL;

		if ((e & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();

		/*
		 * The cursor never moves back.  Events are sorted by (contact, at):
		 * skip the messages of earlier contacts, then the messages of this
		 * contact that cannot answer this opt-in (before it, inbound or
		 * failed); they cannot answer a later opt-in of the contact either.
		 * The message found stays under the cursor: it may answer the next
		 * opt-in too.
		 */
		while (k < log.n && log.msgs[k].contact_id < oi->contact_id)
			k++;
		while (k < log.n && log.msgs[k].contact_id == oi->contact_id)
		{
			const CmMsg *m = &log.msgs[k];

			if (m->sent_at >= oi->at && (m->flags & CM_OUTBOUND) &&
				!(m->flags & CM_FAILED))
			{
				first = m;
				break;
			}
			k++;
		}
		v[0] = Int64GetDatum(oi->contact_id);
		v[1] = TimestampTzGetDatum(oi->at);
		if (first != NULL)
		{
			int64		delay;

			v[2] = TimestampTzGetDatum(first->sent_at);
			if (pg_sub_s64_overflow(first->sent_at, oi->at, &delay))
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
						 errmsg("speed-to-lead delay out of range")));
			cm_interval_set(&delay_iv, delay);
			v[3] = IntervalPGetDatum(&delay_iv);
			v[4] = BoolGetDatum(delay <= within);
		}
		else
		{
			nulls[2] = nulls[3] = true;
			v[4] = BoolGetDatum(false);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
	}
	PG_RETURN_NULL();
}

/*
 * first_outbound_after(history, at) returns the sent_at of the contact's
 * first outbound message at or after at that did not fail, or NULL.
 * Binary search: the records are in time order.
 */
PG_FUNCTION_INFO_V1(smskpi_first_outbound_after);
Datum
smskpi_first_outbound_after(PG_FUNCTION_ARGS)
{
	CmLog		log;
	int64		contact,
				lo = 0,
				hi;
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(1);

	ch_read(PG_GETARG_DATUM(0), &log, &contact);
	hi = log.n;
	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (log.msgs[mid].sent_at < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < log.n; lo++)
	{
		const CmMsg *m = &log.msgs[lo];

		if ((m->flags & CM_OUTBOUND) && !(m->flags & CM_FAILED))
			PG_RETURN_TIMESTAMPTZ(m->sent_at);
	}
	PG_RETURN_NULL();
}

/*
 * last_touch(history, at, within) returns the message_id of the contact's
 * latest outbound message at or before at that did not fail (the last
 * such in log order), when it was sent no more than within before at
 * (NULL within: any time before); NULL if there is none or its message_id
 * is NULL.  Last-touch attribution of a conversion.  A month of within
 * counts 30 days, as interval comparison counts it.
 */
PG_FUNCTION_INFO_V1(smskpi_last_touch);
Datum
smskpi_last_touch(PG_FUNCTION_ARGS)
{
	CmLog		log;
	int64		contact,
				lo = 0,
				hi,
				within;
	TimestampTz at;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	within = CM_NO_WINDOW;
	if (!PG_ARGISNULL(2))
	{
		/* as interval comparison counts it: a month is 30 days */
		Interval   *w = PG_GETARG_INTERVAL_P(2);
		int128		v = (int128) w->month * DAYS_PER_MONTH * USECS_PER_DAY +
			(int128) w->day * USECS_PER_DAY + w->time;

		if (v < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("within must not be negative"),
					 errhint("Pass NULL for no limit.")));
		within = v > PG_INT64_MAX ? PG_INT64_MAX : (int64) v;
	}
	at = PG_GETARG_TIMESTAMPTZ(1);
	ch_read(PG_GETARG_DATUM(0), &log, &contact);
	/* the first record sent after at */
	hi = log.n;
	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (log.msgs[mid].sent_at <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0)
	{
		const CmMsg *m = &log.msgs[lo];
		int64		age;

		if (!(m->flags & CM_OUTBOUND) || (m->flags & CM_FAILED))
			continue;
		if (within != CM_NO_WINDOW &&
			(pg_sub_s64_overflow(at, m->sent_at, &age) || age > within))
			PG_RETURN_NULL();
		if (m->flags & CM_MSGID_NULL)
			PG_RETURN_NULL();
		PG_RETURN_INT64(m->message_id);
	}
	PG_RETURN_NULL();
}
