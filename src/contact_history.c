/*-------------------------------------------------------------------------
 *
 * contact_history.c
 *	  The SQL type smskpi.contact_history: the messages of one contact, in
 *	  log order (doc/campaign.md), as the per-contact campaign functions read
 *	  them; and the aggregates that build and merge it:
 *
 *	  smskpi.contact_history(contact_id, conversation_id, message_id,
 *	  direction, sent_at, status, body, media_count, campaign_id,
 *	  campaign_step) -> contact_history
 *		over the rows of one contact (GROUP BY contact_id): one 48-byte
 *		CmMsg record per message (campaign_msg.c: inbound bodies are
 *		classified on the way in and not kept).  Rows of two different
 *		contacts in one group are an error: a history never holds more than
 *		one contact, so memory is bounded by the largest contact.
 *
 *	  smskpi.contact_history_merge(contact_history) -> contact_history
 *		the union of histories of the same contact (e.g. per day, or per
 *		shard when the messages are not distributed by contact).
 *
 *	  The transition state is the type itself (a real type, not internal:
 *	  partial states cross parallel workers and Citus nodes as values).
 *	  While it grows it has spare room at its end (VARSIZE counts the room,
 *	  n the records in use) so that most rows append in place; when full it
 *	  is copied into one twice as large.  The final function returns the
 *	  canonical form: no spare room, records in log order.  Every value that
 *	  comes in from outside (text and binary input) is checked completely.
 *
 * Binary form (send/recv; the text form is \x and its hex digits), all
 * integers in network byte order:
 *	 uint8	version (1)
 *	 int64	contact_id
 *	 int32	n
 *	 n times: int64 conversation_id, int64 message_id, int64 sent_at,
 *			  int64 campaign_id, int32 step or sentiment (float4 bits),
 *			  uint16 flags, uint8 intent
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "campaign.h"

#define CH_FIRST_CAP	8

static ChHeader *
ch_alloc(int64 contact, int64 cap)
{
	Size		size;
	ChHeader   *h;

	if (cap > CH_MAX_MESSAGES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many messages for one contact_history"),
				 errdetail("A contact_history holds at most %d messages.",
						   (int) CH_MAX_MESSAGES)));
	size = sizeof(ChHeader) + (Size) cap * sizeof(CmMsg);
	h = palloc_extended(size, MCXT_ALLOC_HUGE);
	SET_VARSIZE(h, size);
	h->magic = CH_MAGIC;
	h->version = CH_VERSION;
	h->flags = CH_SORTED;
	h->n = 0;
	h->contact_id = contact;
	return h;
}

/* h with room for at least extra more records: itself, or a larger copy */
static ChHeader *
ch_reserve(ChHeader *h, int64 extra)
{
	int64		need = (int64) h->n + extra;
	int64		cap = CH_CAP(h);
	ChHeader   *g;

	if (need <= cap)
		return h;
	cap = Max(need, Min(cap * 2, CH_MAX_MESSAGES));
	g = ch_alloc(h->contact_id, cap);
	g->flags = h->flags;
	g->n = h->n;
	memcpy(CH_RECS(g), CH_RECS(h), (Size) h->n * sizeof(CmMsg));
	return g;
}

static void
ch_other_contact(int64 have, int64 got)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("a contact_history holds the messages of one contact"),
			 errdetail("Contacts " INT64_FORMAT " and " INT64_FORMAT " met in one history.",
					   have, got),
			 errhint("Group the rows by contact_id: GROUP BY contact_id.")));
}

/* append records (of h's contact) to h, which has room for them */
static void
ch_append(ChHeader *h, const CmMsg *recs, int64 n)
{
	CmMsg	   *dst = CH_RECS(h) + h->n;

	if (n == 0)
		return;
	if ((h->flags & CH_SORTED) && h->n > 0 && cm_msg_cmp_inline(dst - 1, recs) > 0)
		h->flags &= ~CH_SORTED;
	memcpy(dst, recs, (Size) n * sizeof(CmMsg));
	h->n += (int32) n;
}

/* the value of d as a history (detoasted; a copy if d is toasted or packed) */
static ChHeader *
ch_datum(Datum d)
{
	ChHeader   *h = (ChHeader *) PG_DETOAST_DATUM(d);

	/* only smskpi builds these (input is checked): a cheap sanity check */
	if (VARSIZE(h) < sizeof(ChHeader) || h->magic != CH_MAGIC ||
		h->n < 0 || (int64) h->n > CH_CAP(h))
		elog(ERROR, "unexpected smskpi contact_history value");
	return h;
}

void
ch_read(Datum d, CmLog *log, int64 *contact)
{
	ChHeader   *h = ch_datum(d);

	if (!(h->flags & CH_SORTED))
	{
		/* not canonical (a partial state passed on by hand): sort a copy */
		CmMsg	   *copy = palloc_extended((Size) h->n * sizeof(CmMsg) + 1, MCXT_ALLOC_HUGE);

		memcpy(copy, CH_RECS(h), (Size) h->n * sizeof(CmMsg));
		cm_sort_msgs(copy, h->n);
		log->msgs = copy;
	}
	else
		log->msgs = CH_RECS(h);
	log->n = h->n;
	*contact = h->contact_id;
}

/* ---------------------------------------------------------------------
 * Aggregates
 * ---------------------------------------------------------------------
 */

static MemoryContext
ch_agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fname)));
	return aggcxt;
}

/* contact_history_sfunc(state, contact_id, ...) returns the state with one more message. */
PG_FUNCTION_INFO_V1(smskpi_contact_history_sfunc);
Datum
smskpi_contact_history_sfunc(PG_FUNCTION_ARGS)
{
	ChHeader   *h;
	CmMemo	   *memo = NULL;
	CmMsg		m;

	ch_agg_context(fcinfo, "contact_history_sfunc");

	/*
	 * The classification memo lives as long as the call site.  A caller that
	 * calls us without an expression (Citus's worker_partial_agg) builds a
	 * new FmgrInfo for every row: no memo then.
	 */
	if (fcinfo->flinfo->fn_expr != NULL)
	{
		memo = (CmMemo *) fcinfo->flinfo->fn_extra;
		if (memo == NULL)
			fcinfo->flinfo->fn_extra = memo = cm_memo_create(fcinfo->flinfo->fn_mcxt);
	}

	if (!cm_msg_from_args(fcinfo, 1, memo, &m))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}

	if (PG_ARGISNULL(0))
	{
		/* in the per-row context: the executor copies it into its own */
		h = ch_alloc(m.contact_id, CH_FIRST_CAP);
	}
	else
	{
		/* ours (built here, in the aggregate's context): changed in place */
		h = (ChHeader *) PG_GETARG_POINTER(0);
		if (h->contact_id != m.contact_id)
			ch_other_contact(h->contact_id, m.contact_id);
		h = ch_reserve(h, 1);
	}
	ch_append(h, &m, 1);
	PG_RETURN_POINTER(h);
}

/*
 * contact_history_combine(a, b) returns the union of two histories of the
 * same contact (strict: the executor starts from a copy of the first).
 */
PG_FUNCTION_INFO_V1(smskpi_contact_history_combine);
Datum
smskpi_contact_history_combine(PG_FUNCTION_ARGS)
{
	ChHeader   *a,
			   *b;

	ch_agg_context(fcinfo, "contact_history_combine");
	/* a is the executor's copy, ours to change (detoasted first if need be) */
	a = ch_datum(PG_GETARG_DATUM(0));
	b = ch_datum(PG_GETARG_DATUM(1));
	if (a->contact_id != b->contact_id)
		ch_other_contact(a->contact_id, b->contact_id);
	if (b->n == 0)
		PG_RETURN_POINTER(a);
	a = ch_reserve(a, b->n);
	if (!(b->flags & CH_SORTED))
		a->flags &= ~CH_SORTED;
	ch_append(a, CH_RECS(b), b->n);
	PG_RETURN_POINTER(a);
}

/* contact_history_final(state) returns the history: no spare room, messages in log order. */
PG_FUNCTION_INFO_V1(smskpi_contact_history_final);
Datum
smskpi_contact_history_final(PG_FUNCTION_ARGS)
{
	ChHeader   *h,
			   *r;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	h = ch_datum(PG_GETARG_DATUM(0));
	if ((h->flags & CH_SORTED) && CH_CAP(h) == h->n)
		PG_RETURN_POINTER(h);
	/* the state stays as it is (window use): the result is a new value */
	r = ch_alloc(h->contact_id, h->n);
	r->n = h->n;
	memcpy(CH_RECS(r), CH_RECS(h), (Size) h->n * sizeof(CmMsg));
	if (!(h->flags & CH_SORTED))
		cm_sort_msgs(CH_RECS(r), r->n);
	PG_RETURN_POINTER(r);
}

/* ---------------------------------------------------------------------
 * I/O
 * ---------------------------------------------------------------------
 */

static void
ch_write(StringInfo buf, const ChHeader *h, const CmMsg *recs)
{
	pq_sendint8(buf, CH_VERSION);
	pq_sendint64(buf, h->contact_id);
	pq_sendint32(buf, h->n);
	for (int32 i = 0; i < h->n; i++)
	{
		const CmMsg *m = &recs[i];
		uint32		u;

		pq_sendint64(buf, m->conversation_id);
		pq_sendint64(buf, m->message_id);
		pq_sendint64(buf, m->sent_at);
		pq_sendint64(buf, m->campaign_id);
		memcpy(&u, &m->u, sizeof(u));
		pq_sendint32(buf, u);
		pq_sendint16(buf, m->flags);
		pq_sendint8(buf, m->intent);
	}
}

#define CH_WIRE_RECORD	(4 * 8 + 4 + 2 + 1)

static ChHeader *
ch_read_wire(StringInfo buf)
{
	ChHeader   *h;
	int64		contact;
	int32		n;
	CmMsg	   *recs;

	if (buf->len - buf->cursor < 1 + 8 + 4)
		cm_bad_log("contact_history", "The value is too short.");
	if (pq_getmsgint(buf, 1) != CH_VERSION)
		cm_bad_log("contact_history", "The format version is not supported.");
	contact = pq_getmsgint64(buf);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > CH_MAX_MESSAGES ||
		(int64) (buf->len - buf->cursor) != (int64) n * CH_WIRE_RECORD)
		cm_bad_log("contact_history", "The message count does not match the length.");
	h = ch_alloc(contact, n);
	recs = CH_RECS(h);
	for (int32 i = 0; i < n; i++)
	{
		CmMsg	   *m = &recs[i];
		uint32		u;

		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		memset(m, 0, sizeof(CmMsg));
		m->contact_id = contact;
		m->conversation_id = pq_getmsgint64(buf);
		m->message_id = pq_getmsgint64(buf);
		m->sent_at = pq_getmsgint64(buf);
		m->campaign_id = pq_getmsgint64(buf);
		u = pq_getmsgint(buf, 4);
		memcpy(&m->u, &u, sizeof(u));
		m->flags = (uint16) pq_getmsgint(buf, 2);
		m->intent = (uint8) pq_getmsgint(buf, 1);
		cm_check_msg(m, "contact_history");
		if (i > 0 && cm_msg_cmp_inline(m - 1, m) > 0)
			cm_bad_log("contact_history", "The messages are not in order.");
	}
	pq_getmsgend(buf);
	h->n = n;
	return h;
}

/* contact_history_in(cstring) returns the history written as hex by contact_history_out. */
PG_FUNCTION_INFO_V1(smskpi_contact_history_in);
Datum
smskpi_contact_history_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	StringInfoData buf;
	ChHeader   *h;

	if (len < 2 || str[0] != '\\' || str[1] != 'x' || len % 2 != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type smskpi.contact_history"),
				 errdetail("A history is written as \\x followed by an even number of hex digits.")));
	initStringInfo(&buf);
	enlargeStringInfo(&buf, (len - 2) / 2 + 1);
	buf.len = hex_decode(str + 2, len - 2, buf.data);
	buf.data[buf.len] = '\0';
	h = ch_read_wire(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(h);
}

/* contact_history_out(history) returns the history as \x and hex digits. */
PG_FUNCTION_INFO_V1(smskpi_contact_history_out);
Datum
smskpi_contact_history_out(PG_FUNCTION_ARGS)
{
	ChHeader   *h = ch_datum(PG_GETARG_DATUM(0));
	CmLog		log;
	int64		contact;
	StringInfoData buf;
	char	   *out;

	ch_read(PG_GETARG_DATUM(0), &log, &contact);
	initStringInfo(&buf);
	ch_write(&buf, h, log.msgs);
	out = palloc_extended((Size) buf.len * 2 + 3, MCXT_ALLOC_HUGE);
	out[0] = '\\';
	out[1] = 'x';
	out[2 + hex_encode(buf.data, buf.len, out + 2)] = '\0';
	PG_RETURN_CSTRING(out);
}

/* contact_history_recv(internal) returns the history read from its binary form. */
PG_FUNCTION_INFO_V1(smskpi_contact_history_recv);
Datum
smskpi_contact_history_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ch_read_wire((StringInfo) PG_GETARG_POINTER(0)));
}

/* contact_history_send(history) returns the binary form of the history. */
PG_FUNCTION_INFO_V1(smskpi_contact_history_send);
Datum
smskpi_contact_history_send(PG_FUNCTION_ARGS)
{
	ChHeader   *h = ch_datum(PG_GETARG_DATUM(0));
	CmLog		log;
	int64		contact;
	StringInfoData buf;

	ch_read(PG_GETARG_DATUM(0), &log, &contact);
	pq_begintypsend(&buf);
	ch_write(&buf, h, log.msgs);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * contact_history_info(history) returns (contact_id, messages, outbound,
 * inbound, first_at, last_at, bytes).
 */
PG_FUNCTION_INFO_V1(smskpi_contact_history_info);
Datum
smskpi_contact_history_info(PG_FUNCTION_ARGS)
{
	CmLog		log;
	int64		contact,
				nout = 0;
	TupleDesc	tupdesc;
	Datum		v[7];
	bool		nulls[7] = {0};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	ch_read(PG_GETARG_DATUM(0), &log, &contact);
	for (int64 i = 0; i < log.n; i++)
		nout += (log.msgs[i].flags & CM_OUTBOUND) != 0;
	v[0] = Int64GetDatum(contact);
	v[1] = Int32GetDatum((int32) log.n);
	v[2] = Int32GetDatum((int32) nout);
	v[3] = Int32GetDatum((int32) (log.n - nout));
	if (log.n > 0)
	{
		v[4] = TimestampTzGetDatum(log.msgs[0].sent_at);
		v[5] = TimestampTzGetDatum(log.msgs[log.n - 1].sent_at);
	}
	else
		nulls[4] = nulls[5] = true;
	v[6] = Int64GetDatum((int64) sizeof(ChHeader) + log.n * (int64) sizeof(CmMsg));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, v, nulls)));
}

/*
 * contact_history_splice(old, since, new) returns old's messages sent before
 * since followed by new's messages sent at or after since: a stored history
 * brought up to date with the messages of a window that starts at since
 * (NULL when nothing is left).  old and new must be of the same contact.
 */
PG_FUNCTION_INFO_V1(smskpi_contact_history_splice);
Datum
smskpi_contact_history_splice(PG_FUNCTION_ARGS)
{
	CmLog		a = {NULL, 0},
				b = {NULL, 0};
	int64		ca = 0,
				cb = 0,
				na = 0,
				nb0 = 0,
				contact;
	TimestampTz since;
	ChHeader   *r;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("since must not be null")));
	since = PG_GETARG_TIMESTAMPTZ(1);
	if (!PG_ARGISNULL(0))
		ch_read(PG_GETARG_DATUM(0), &a, &ca);
	if (!PG_ARGISNULL(2))
		ch_read(PG_GETARG_DATUM(2), &b, &cb);
	if (!PG_ARGISNULL(0) && !PG_ARGISNULL(2) && ca != cb)
		ch_other_contact(ca, cb);
	contact = PG_ARGISNULL(0) ? cb : ca;
	/* the records in log order: those before since, then those at or after */
	while (na < a.n && a.msgs[na].sent_at < since)
		na++;
	while (nb0 < b.n && b.msgs[nb0].sent_at < since)
		nb0++;
	if (na + (b.n - nb0) == 0)
		PG_RETURN_NULL();
	r = ch_alloc(contact, na + (b.n - nb0));
	ch_append(r, a.msgs, na);
	ch_append(r, b.msgs + nb0, b.n - nb0);
	PG_RETURN_POINTER(r);
}
