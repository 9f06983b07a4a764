/*-------------------------------------------------------------------------
 *
 * campaign.h
 *	  Shared core of smskpi's campaign analytics (doc/campaign.md).
 *
 *	  The user's messages reach C through the aggregate smskpi.message_log(),
 *	  whose result is a "message log": a bytea holding one fixed-size CmMsg
 *	  per message, sorted by (contact, time).  Opt-in, opt-out and conversion
 *	  events reach C through smskpi.contact_event_log(), a bytea of sorted
 *	  (contact, time) pairs.  Every function that reads either validates it
 *	  completely first (cm_read_log, cm_read_events): a log is a plain bytea
 *	  that a user can hand in, so nothing in it is trusted.
 *
 *	  cm_attribute() walks a log once, contact by contact, and reports for
 *	  every outbound message whether and how it was answered (the reply
 *	  attribution); the set-returning functions in attribution.c, falloff.c
 *	  and campaign_streaks.c are callbacks of that walk.
 *
 * Binary layout of both logs (all integers in host byte order; a log is a
 * transient value computed and read on one server, like the partial states
 * of internal aggregates; it must not be moved across architectures):
 *
 *	 int32	varlena header
 *	 uint32 magic			CM_LOG_MAGIC or CM_EVENTS_MAGIC
 *	 uint16 version			CM_FORMAT_VERSION
 *	 uint16 flags			CM_LOG_SORTED: a finished log; CM_LOG_PARTIAL (and
 *							CM_LOG_SORTED when its records are in log order):
 *							a serialized partial state of the aggregate
 *	 uint32 count			number of records
 *	 records[count]			CmMsg (48 bytes) or CmEvent (16 bytes)
 *
 *-------------------------------------------------------------------------
 */
#ifndef SMSKPI_CAMPAIGN_H
#define SMSKPI_CAMPAIGN_H

#include "fmgr.h"
#include "datatype/timestamp.h"
#include "utils/memutils.h"

#define CM_LOG_MAGIC		0x4c4d4b53	/* "SKML" */
#define CM_EVENTS_MAGIC		0x4c454b53	/* "SKEL" */
#define CM_FORMAT_VERSION	1
#define CM_LOG_SORTED		0x0001
#define CM_LOG_PARTIAL		0x0002

typedef struct CmLogHeader
{
	int32		vl_len_;
	uint32		magic;
	uint16		version;
	uint16		flags;
	uint32		count;
} CmLogHeader;

#define CM_HEADER_SIZE		((Size) sizeof(CmLogHeader))	/* 16 */

/* CmMsg.flags */
#define CM_OUTBOUND			0x0001	/* direction = 'outbound' */
#define CM_DELIVERED		0x0002	/* outbound, status delivered or read */
#define CM_FAILED			0x0004	/* outbound, status failed or undelivered */
#define CM_MMS				0x0008	/* media_count > 0 */
#define CM_MEDIA_NULL		0x0010	/* media_count is NULL */
#define CM_CONV_NULL		0x0020	/* conversation_id is NULL */
#define CM_MSGID_NULL		0x0040	/* message_id is NULL */
#define CM_CAMPAIGN_NULL	0x0080	/* outbound: campaign_id is NULL */
#define CM_STEP_NULL		0x0100	/* outbound: campaign_step is NULL */
#define CM_BODY_NULL		0x0200	/* inbound: body is NULL (no intent, no sentiment) */
#define CM_ALL_FLAGS		0x03ff

/*
 * One message, 48 bytes.  Fields whose flag says NULL hold 0.  For inbound
 * messages campaign_id is 0, u.sentiment is the sentiment of the body and
 * intent its SmsIntent; for outbound messages u.campaign_step is the step
 * and intent is 0.  pad is always 0 (records are compared with memcmp as the
 * last tie-breaker).
 */
typedef struct CmMsg
{
	int64		contact_id;
	int64		conversation_id;
	int64		message_id;
	TimestampTz sent_at;
	int64		campaign_id;
	union
	{
		int32		campaign_step;
		float4		sentiment;
	}			u;
	uint16		flags;
	uint8		intent;
	uint8		pad;
} CmMsg;

typedef struct CmEvent
{
	int64		contact_id;
	TimestampTz at;
} CmEvent;

/* the most records a log can hold: its bytes must stay below MaxAllocSize */
#define CM_MAX_MESSAGES		((int64) ((MaxAllocSize - CM_HEADER_SIZE) / sizeof(CmMsg)))
#define CM_MAX_EVENTS		((int64) ((MaxAllocSize - CM_HEADER_SIZE) / sizeof(CmEvent)))

/* a validated, finalized log, records MAXALIGNed (copied if need be) */
typedef struct CmLog
{
	const CmMsg *msgs;
	int64		n;
} CmLog;

typedef struct CmEvents
{
	const CmEvent *ev;
	int64		n;
} CmEvents;

/* total order of a finalized message log (see doc/campaign.md, "Order") */
extern int	cm_msg_cmp(const CmMsg *a, const CmMsg *b);

/* validate a finalized log passed as an SQL argument; errors on bad input */
extern void cm_read_log(bytea *b, CmLog *log);
extern void cm_read_events(bytea *b, CmEvents *ev);

/* first event time of contact at or after *cursor (merge cursor), or DT_NOEND */
extern TimestampTz cm_events_first(const CmEvents *ev, int64 *cursor, int64 contact);

/* "no reply window": every reply up to the next outbound message counts */
#define CM_NO_WINDOW		PG_INT64_MAX

/* the reply_window argument in microseconds (positive, no months) */
extern int64 cm_window_arg(FunctionCallInfo fcinfo, int argno);

/* What cm_attribute() reports for one outbound message. */
typedef struct CmOutcome
{
	const CmMsg *msg;			/* the outbound message */
	int32		position;		/* 1-based among the contact's outbound messages */
	int32		replies;		/* replies within the reply window */
	TimestampTz first_reply_at; /* DT_NOEND when replies = 0 */
	const CmMsg *first_reply;	/* NULL when replies = 0 */
	bool		positive;		/* a reply within the window has intent yes */
	bool		opted_out;		/* a reply in the attribution window is an opt-out */
	bool		still_active;	/* no opt-out reply, no stop event at or before */
} CmOutcome;

/* called once per contact with its outbound messages in log order */
typedef void (*cm_contact_fn) (void *arg, CmOutcome *outs, int n);

extern void cm_attribute(const CmLog *log, int64 window_usec,
						 const CmEvents *stops, cm_contact_fn fn, void *arg);

/* an interval from microseconds, shaped like timestamptz - timestamptz */
extern void cm_interval_set(Interval *r, int64 usec);

#endif							/* SMSKPI_CAMPAIGN_H */
