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

/*
 * Total order of a message log (see doc/campaign.md, "Order"): contact_id,
 * sent_at, inbound before outbound, message_id (NULL last), conversation_id
 * (NULL last), then the remaining bytes so that equal keys still order
 * deterministically.
 */
#define CM_CMP(x, y) do { if ((x) != (y)) return (x) < (y) ? -1 : 1; } while (0)
static inline int
cm_msg_cmp_inline(const CmMsg *a, const CmMsg *b)
{
	CM_CMP(a->contact_id, b->contact_id);
	CM_CMP(a->sent_at, b->sent_at);
	CM_CMP(a->flags & CM_OUTBOUND, b->flags & CM_OUTBOUND);
	CM_CMP(a->flags & CM_MSGID_NULL, b->flags & CM_MSGID_NULL);
	CM_CMP(a->message_id, b->message_id);
	CM_CMP(a->flags & CM_CONV_NULL, b->flags & CM_CONV_NULL);
	CM_CMP(a->conversation_id, b->conversation_id);
	return memcmp(a, b, sizeof(CmMsg));
}

/* campaign_msg.c: records from rows, their order and validation */
extern int	cm_msg_cmp(const CmMsg *a, const CmMsg *b);
extern void cm_sort_msgs(CmMsg *msgs, size_t n);

/* classification memo of inbound bodies (a cache: results never depend on it) */
typedef struct CmMemo CmMemo;
extern CmMemo *cm_memo_create(MemoryContext cxt);

/*
 * Fill *m from the ten arguments a .. a+9 of fcinfo (contact_id,
 * conversation_id, message_id, direction, sent_at, status, body,
 * media_count, campaign_id, campaign_step); false when the row is skipped
 * (NULL contact_id, direction or sent_at).  memo may be NULL.
 */
extern bool cm_msg_from_args(FunctionCallInfo fcinfo, int a, CmMemo *memo, CmMsg *m);

/* errors on a record or value that cannot have come from smskpi (22P03) */
extern void cm_bad_log(const char *what, const char *detail) pg_attribute_noreturn();
extern void cm_check_msg(const CmMsg *m, const char *what);

/* validate a finalized log passed as an SQL argument; errors on bad input */
extern void cm_read_log(bytea *b, CmLog *log);
extern void cm_read_events(bytea *b, CmEvents *ev);

/* first event time of contact at or after *cursor (merge cursor), or DT_NOEND */
extern TimestampTz cm_events_first(const CmEvents *ev, int64 *cursor, int64 contact);

/*
 * contact_history.c: the SQL type smskpi.contact_history, one contact's
 * records.  In the aggregate's state VARSIZE may leave room for more
 * records than n; a finished value has none and CH_SORTED set.
 */
typedef struct ChHeader
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint32		magic;			/* CH_MAGIC */
	uint16		version;		/* CH_VERSION */
	uint16		flags;			/* CH_SORTED: records in log order */
	int32		n;				/* records in use */
	int64		contact_id;
	/* CmMsg records follow (MAXALIGNed: the header is 24 bytes) */
} ChHeader;

#define CH_MAGIC			0x48434b53	/* "SKCH" */
#define CH_VERSION			1
#define CH_SORTED			0x0001
#define CH_RECS(h)			((CmMsg *) ((char *) (h) + sizeof(ChHeader)))
#define CH_CAP(h)			((int64) ((VARSIZE(h) - sizeof(ChHeader)) / sizeof(CmMsg)))
#define CH_MAX_MESSAGES		((int64) ((MaxAllocSize - sizeof(ChHeader)) / sizeof(CmMsg)))

/* the records of a history datum in log order (sorted into a copy if need be) */
extern void ch_read(Datum d, CmLog *log, int64 *contact);

/* "no reply window": every reply up to the next outbound message counts */
#define CM_NO_WINDOW		PG_INT64_MAX

/*
 * A window argument (reply_window, within) in microseconds: positive, no
 * months; errors name the argument argname.
 */
extern int64 cm_window_arg(FunctionCallInfo fcinfo, int argno, const char *argname);

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

/*
 * first_position is the position of a contact's first outbound message in
 * the log (1; more for a history that starts after earlier messages).
 * window_usec bounds the replies counted for a message; opt_out_window_usec
 * the opt-outs (CM_NO_WINDOW: the whole attribution window, as usual).
 */
extern void cm_attribute(const CmLog *log, int64 window_usec,
						 int64 opt_out_window_usec, const CmEvents *stops,
						 int32 first_position, cm_contact_fn fn, void *arg);

/*
 * The first_position argument (NULL = 1; at least 1), and the check that
 * the positions of a contact's outbound messages from there fit an int32.
 */
extern int32 cm_first_position_arg(FunctionCallInfo fcinfo, int argno);
extern void cm_check_first_position(int32 first, const CmLog *log);

/*
 * InitMaterializedSRF with the caller's expected row type when it has one:
 * these functions run once per contact (LATERAL), and building the row type
 * from the catalog leaves about 1.5 kB in the query's memory at every call.
 */
extern void cm_init_srf(FunctionCallInfo fcinfo);

/* an interval from microseconds, shaped like timestamptz - timestamptz */
extern void cm_interval_set(Interval *r, int64 usec);

#endif							/* SMSKPI_CAMPAIGN_H */
