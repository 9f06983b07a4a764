/*-------------------------------------------------------------------------
 *
 * campaign_msg.c
 *	  One message as the campaign functions see it: the 48-byte CmMsg
 *	  record (campaign.h) made from a row of the user's messages, the order
 *	  of records, and their validation.  Shared by the message log
 *	  (campaign_log.c) and the per-contact history (contact_history.c).
 *
 *	  A row becomes a record: direction 'inbound' or 'outbound' (anything
 *	  else is an error), status delivered/read or failed/undelivered
 *	  (outbound), media_count > 0 (MMS), campaign and step (outbound), and
 *	  for an inbound body its reply intent and sentiment, computed here by
 *	  the C cores of smskpi.reply_intent and smskpi.sentiment_score; the
 *	  body itself is not kept.  Rows with NULL contact_id, direction or
 *	  sent_at are skipped; an infinite sent_at is an error.
 *
 *	  Classification memo: intent and sentiment are pure functions of a
 *	  body's bytes, and replies repeat ("STOP", "Yes", answers to the same
 *	  template), so each distinct short body is classified once per memo.
 *	  Keyed by the body's bytes as stored (before any conversion to UTF-8).
 *	  It starts small and grows with the number of distinct bodies, up to
 *	  CM_MEMO_MAX_SLOTS / 2 bodies of at most CM_MEMO_MAXLEN bytes (about
 *	  512 kB); when full it is emptied and refills.  A cache only: results
 *	  are the same with or without it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/hashfn.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "campaign.h"
#include "intent.h"
#include "sentiment.h"
#include "unicode.h"

#define CM_MEMO_MIN_SLOTS	64		/* powers of two, at most half used */
#define CM_MEMO_MAX_SLOTS	16384
#define CM_MEMO_MAXLEN		160
#define CM_MEMO_MIN_ARENA	2048
#define CM_MEMO_MAX_ARENA	(256 * 1024)

typedef struct CmMemoSlot
{
	uint32		hash;
	uint32		off;			/* of the body's bytes in the arena */
	uint16		len;
	uint8		intent;
	bool		used;
	float4		sentiment;
} CmMemoSlot;

struct CmMemo
{
	MemoryContext cxt;
	CmMemoSlot *slots;
	uint32		nslots;
	uint32		nbodies;
	char	   *arena;
	uint32		arena_size;
	uint32		arena_used;
};

/* ---------------------------------------------------------------------
 * Order and validation
 * ---------------------------------------------------------------------
 */

int
cm_msg_cmp(const CmMsg *a, const CmMsg *b)
{
	return cm_msg_cmp_inline(a, b);
}

/* cm_sort_msgs(CmMsg *, size_t): sort_template.h with the order inlined */
#define ST_SORT cm_sort_msgs
#define ST_ELEMENT_TYPE CmMsg
#define ST_COMPARE(a, b) cm_msg_cmp_inline(a, b)
#define ST_SCOPE
#define ST_DEFINE
#include "lib/sort_template.h"

void
cm_bad_log(const char *what, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid smskpi %s", what),
			 errdetail("%s", detail),
			 errhint("Pass the result of the smskpi aggregate that builds it.")));
}

void
cm_check_msg(const CmMsg *m, const char *what)
{
	if ((m->flags & ~CM_ALL_FLAGS) != 0 || m->pad != 0)
		cm_bad_log(what, "A record has unknown flag bits.");
	if (TIMESTAMP_NOT_FINITE(m->sent_at) || !IS_VALID_TIMESTAMP(m->sent_at))
		cm_bad_log(what, "A record has an invalid sent_at.");
	if (((m->flags & CM_CONV_NULL) && m->conversation_id != 0) ||
		((m->flags & CM_MSGID_NULL) && m->message_id != 0) ||
		((m->flags & CM_MMS) && (m->flags & CM_MEDIA_NULL)))
		cm_bad_log(what, "A record has inconsistent NULL flags.");
	if (m->flags & CM_OUTBOUND)
	{
		if ((m->flags & CM_BODY_NULL) || m->intent != 0 ||
			((m->flags & CM_DELIVERED) && (m->flags & CM_FAILED)) ||
			((m->flags & CM_CAMPAIGN_NULL) && m->campaign_id != 0) ||
			((m->flags & CM_STEP_NULL) && m->u.campaign_step != 0))
			cm_bad_log(what, "An outbound record is inconsistent.");
	}
	else
	{
		float4		s = m->u.sentiment;

		if ((m->flags & (CM_DELIVERED | CM_FAILED | CM_CAMPAIGN_NULL | CM_STEP_NULL)) ||
			m->campaign_id != 0 || m->intent > (uint8) SMS_INTENT_OTHER ||
			isnan(s) || s < -1.0f || s > 1.0f ||
			((m->flags & CM_BODY_NULL) && (s != 0.0f || m->intent != 0)))
			cm_bad_log(what, "An inbound record is inconsistent.");
	}
}

/* ---------------------------------------------------------------------
 * Classification memo
 * ---------------------------------------------------------------------
 */

/* t equals the string literal lit (inlined: the length is a constant) */
#define text_eq(t, lit) \
	(VARSIZE_ANY_EXHDR(t) == sizeof(lit) - 1 && \
	 memcmp(VARDATA_ANY(t), lit, sizeof(lit) - 1) == 0)

/* the slot of a body: its own or the empty one where it goes */
static inline CmMemoSlot *
cm_memo_probe(CmMemo *memo, uint32 h, const char *raw, int len)
{
	uint32		mask = memo->nslots - 1;
	uint32		i;

	for (i = h & mask;; i = (i + 1) & mask)
	{
		CmMemoSlot *slot = &memo->slots[i];

		if (!slot->used ||
			(slot->hash == h && slot->len == len &&
			 memcmp(memo->arena + slot->off, raw, len) == 0))
			return slot;
	}
}

/* empty the memo (back to its smallest size) */
static void
cm_memo_reset(CmMemo *memo)
{
	if (memo->slots)
		pfree(memo->slots);
	if (memo->arena)
		pfree(memo->arena);
	memo->nslots = CM_MEMO_MIN_SLOTS;
	memo->slots = MemoryContextAllocZero(memo->cxt, memo->nslots * sizeof(CmMemoSlot));
	memo->nbodies = 0;
	memo->arena_size = CM_MEMO_MIN_ARENA;
	memo->arena = MemoryContextAlloc(memo->cxt, memo->arena_size);
	memo->arena_used = 0;
}

CmMemo *
cm_memo_create(MemoryContext cxt)
{
	CmMemo	   *memo = MemoryContextAllocZero(cxt, sizeof(CmMemo));

	memo->cxt = cxt;
	cm_memo_reset(memo);
	return memo;
}

/*
 * Make room for one more body of len bytes: grow the slots (rehash) or the
 * arena, or empty the memo when it is at its largest.
 */
static void
cm_memo_room(CmMemo *memo, int len)
{
	if ((memo->nbodies + 1) * 2 > memo->nslots)
	{
		CmMemoSlot *old = memo->slots;
		uint32		oldn = memo->nslots,
					i;

		if (memo->nslots >= CM_MEMO_MAX_SLOTS)
		{
			cm_memo_reset(memo);
			return;
		}
		memo->nslots *= 2;
		memo->slots = MemoryContextAllocZero(memo->cxt, memo->nslots * sizeof(CmMemoSlot));
		for (i = 0; i < oldn; i++)
			if (old[i].used)
				*cm_memo_probe(memo, old[i].hash, memo->arena + old[i].off, old[i].len) = old[i];
		pfree(old);
	}
	if (memo->arena_used + len > memo->arena_size)
	{
		uint32		size = memo->arena_size;

		while (memo->arena_used + len > size && size < CM_MEMO_MAX_ARENA)
			size *= 2;
		if (memo->arena_used + len > size)
		{
			cm_memo_reset(memo);
			return;
		}
		memo->arena = repalloc(memo->arena, size);
		memo->arena_size = size;
	}
}

/*
 * Set m's intent and sentiment from an inbound body: the classifiers read
 * the body as UTF-8 (converted from the server encoding if need be);
 * short bodies go through the memo when there is one.
 */
static void
cm_classify(CmMemo *memo, text *body, CmMsg *m)
{
	const char *raw = VARDATA_ANY(body);
	int			rawlen = VARSIZE_ANY_EXHDR(body);
	bool		memoize = memo != NULL && rawlen <= CM_MEMO_MAXLEN;
	uint32		h = 0;
	const char *s;
	int			len;
	double		sent;

	if (memoize)
	{
		CmMemoSlot *slot;

		h = hash_bytes((const unsigned char *) raw, rawlen);
		slot = cm_memo_probe(memo, h, raw, rawlen);
		if (slot->used)
		{
			m->intent = slot->intent;
			m->u.sentiment = slot->sentiment;
			return;
		}
	}

	s = smskpi_text_utf8(body, &len);
	m->intent = (uint8) smskpi_intent(s, len);
	sent = smskpi_sentiment(s, len);
	if (isnan(sent))
		sent = 0.0;
	m->u.sentiment = (float4) Max(-1.0, Min(1.0, sent));
	if (s != raw)
		pfree((void *) s);

	if (memoize)
	{
		CmMemoSlot *slot;

		cm_memo_room(memo, rawlen);
		slot = cm_memo_probe(memo, h, raw, rawlen);
		Assert(!slot->used);
		memcpy(memo->arena + memo->arena_used, raw, rawlen);
		slot->hash = h;
		slot->off = memo->arena_used;
		slot->len = (uint16) rawlen;
		slot->intent = m->intent;
		slot->used = true;
		slot->sentiment = m->u.sentiment;
		memo->arena_used += rawlen;
		memo->nbodies++;
	}
}

/* ---------------------------------------------------------------------
 * A row of the user's messages
 * ---------------------------------------------------------------------
 */

bool
cm_msg_from_args(FunctionCallInfo fcinfo, int a, CmMemo *memo, CmMsg *m)
{
	text	   *dir;

	/* a message without contact, direction or time cannot be placed: skip */
	if (PG_ARGISNULL(a) || PG_ARGISNULL(a + 3) || PG_ARGISNULL(a + 4))
		return false;

	memset(m, 0, sizeof(CmMsg));
	m->contact_id = PG_GETARG_INT64(a);
	if (PG_ARGISNULL(a + 1))
		m->flags |= CM_CONV_NULL;
	else
		m->conversation_id = PG_GETARG_INT64(a + 1);
	if (PG_ARGISNULL(a + 2))
		m->flags |= CM_MSGID_NULL;
	else
		m->message_id = PG_GETARG_INT64(a + 2);

	m->sent_at = PG_GETARG_TIMESTAMPTZ(a + 4);
	if (TIMESTAMP_NOT_FINITE(m->sent_at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("sent_at must be finite"),
				 errdetail("A message has sent_at = %s.",
						   TIMESTAMP_IS_NOBEGIN(m->sent_at) ? "-infinity" : "infinity")));

	if (PG_ARGISNULL(a + 7))
		m->flags |= CM_MEDIA_NULL;
	else if (PG_GETARG_INT32(a + 7) > 0)
		m->flags |= CM_MMS;

	dir = PG_GETARG_TEXT_PP(a + 3);
	if (text_eq(dir, "outbound"))
	{
		m->flags |= CM_OUTBOUND;
		if (!PG_ARGISNULL(a + 5))
		{
			text	   *st = PG_GETARG_TEXT_PP(a + 5);

			if (text_eq(st, "delivered") || text_eq(st, "read"))
				m->flags |= CM_DELIVERED;
			else if (text_eq(st, "failed") || text_eq(st, "undelivered"))
				m->flags |= CM_FAILED;
		}
		if (PG_ARGISNULL(a + 8))
			m->flags |= CM_CAMPAIGN_NULL;
		else
			m->campaign_id = PG_GETARG_INT64(a + 8);
		if (PG_ARGISNULL(a + 9))
			m->flags |= CM_STEP_NULL;
		else
			m->u.campaign_step = PG_GETARG_INT32(a + 9);
	}
	else if (text_eq(dir, "inbound"))
	{
		if (PG_ARGISNULL(a + 6))
			m->flags |= CM_BODY_NULL;
		else
			cm_classify(memo, PG_GETARG_TEXT_PP(a + 6), m);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid message direction \"%s\"", text_to_cstring(dir)),
				 errhint("direction must be 'inbound' or 'outbound'.")));
	return true;
}
