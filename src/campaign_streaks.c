/*-------------------------------------------------------------------------
 *
 * campaign_streaks.c
 *	  smskpi.unanswered_streaks(): the "stop texting" signal.  For each
 *	  contact, runs of consecutive outbound messages without a reply
 *	  (attribution as in attribution.c); a contact is reported when a run
 *	  reaches min_streak messages, with how many more messages were sent
 *	  after that point and whether any of them was answered.
 *
 *	  Failed and undelivered messages are skipped: they neither extend nor
 *	  break a run (the contact never saw them).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "campaign.h"

#define ST_NCOLS 7

typedef struct StCtx
{
	Tuplestorestate *ts;
	TupleDesc	desc;
	int32		min_streak;
} StCtx;

static void
st_contact(void *arg, CmOutcome *outs, int n)
{
	StCtx	   *c = arg;
	int32		sent = 0,
				run = 0,
				longest = 0,
				after = 0;
	bool		signalled = false,
				replied_after = false;
	TimestampTz signal_at = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		const CmOutcome *o = &outs[i];

		if (o->msg->flags & CM_FAILED)
			continue;
		sent++;
		if (signalled)
		{
			after++;
			if (o->replies > 0)
				replied_after = true;
		}
		if (o->replies > 0)
			run = 0;
		else
		{
			run++;
			longest = Max(longest, run);
			if (!signalled && run >= c->min_streak)
			{
				signalled = true;
				signal_at = o->msg->sent_at;
			}
		}
	}
	if (signalled)
	{
		Datum		v[ST_NCOLS];
		bool		nulls[ST_NCOLS] = {0};

		v[0] = Int64GetDatum(outs[0].msg->contact_id);
		v[1] = Int32GetDatum(sent);
		v[2] = Int32GetDatum(longest);
		v[3] = TimestampTzGetDatum(signal_at);
		v[4] = Int32GetDatum(after);
		v[5] = BoolGetDatum(replied_after);
		v[6] = Int32GetDatum(run);
		tuplestore_putvalues(c->ts, c->desc, v, nulls);
	}
}

static int32
st_min_streak(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(1) || PG_GETARG_INT32(1) < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_streak must be at least 1")));
	return PG_GETARG_INT32(1);
}

/* unanswered_streaks(log, min_streak, reply_window, stops) returns contacts with a run of unanswered messages. */
PG_FUNCTION_INFO_V1(smskpi_unanswered_streaks);
Datum
smskpi_unanswered_streaks(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		window = cm_window_arg(fcinfo, 2, "reply_window");
	CmLog		log;
	CmEvents	stops;
	StCtx		c;

	int32		min_streak = st_min_streak(fcinfo);

	cm_init_srf(fcinfo);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (rsinfo->setDesc->natts != ST_NCOLS)
		elog(ERROR, "unanswered_streaks: wrong number of result columns");
	cm_read_log(PG_GETARG_BYTEA_P(0), &log);
	if (!PG_ARGISNULL(3))
		cm_read_events(PG_GETARG_BYTEA_P(3), &stops);
	c.ts = rsinfo->setResult;
	c.desc = rsinfo->setDesc;
	c.min_streak = min_streak;
	cm_attribute(&log, window, CM_NO_WINDOW, PG_ARGISNULL(3) ? NULL : &stops, 1, st_contact, &c);
	PG_RETURN_NULL();
}

/*
 * unanswered_streaks(history, min_streak, reply_window, stopped_at) returns
 * the contact's row when it has a run of unanswered messages (else none).
 */
PG_FUNCTION_INFO_V1(smskpi_history_streaks);
Datum
smskpi_history_streaks(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		window = cm_window_arg(fcinfo, 2, "reply_window");
	int32		min_streak = st_min_streak(fcinfo);
	CmLog		log;
	CmEvents	stops;
	CmEvent		stop;
	StCtx		c;

	cm_init_srf(fcinfo);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (rsinfo->setDesc->natts != ST_NCOLS)
		elog(ERROR, "unanswered_streaks: wrong number of result columns");
	ch_read(PG_GETARG_DATUM(0), &log, &stop.contact_id);
	if (!PG_ARGISNULL(3))
	{
		stop.at = PG_GETARG_TIMESTAMPTZ(3);
		stops.ev = &stop;
		stops.n = 1;
	}
	c.ts = rsinfo->setResult;
	c.desc = rsinfo->setDesc;
	c.min_streak = min_streak;
	cm_attribute(&log, window, CM_NO_WINDOW, PG_ARGISNULL(3) ? NULL : &stops, 1, st_contact, &c);
	PG_RETURN_NULL();
}
