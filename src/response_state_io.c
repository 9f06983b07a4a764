/*-------------------------------------------------------------------------
 *
 * response_state_io.c
 *	  Input and output of smskpi.response_state (response_state.h): the
 *	  binary form (send/recv) and the text form (\x and the hex of the
 *	  binary form), and response_state_info().  Both forms carry the
 *	  compacted data only.  Input validates every count, length and
 *	  timestamp, and the key type (it must exist, be one the aggregates
 *	  accept and match the stored key kind and length), and rebuilds the
 *	  state by merging, so a state edited by hand is either refused with a
 *	  clear error or well-formed.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "response_state.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

/* ----------------------------------------------------------------------
 * I/O: binary form, text form (hex of the binary form)
 *
 *	int32 magic, int8 kind, int8 keykind, int16 keylen, int32 keytype,
 *	float8 fraction, int32 nwindows, nwindows x int64, int32 bh_len,
 *	bh_len bytes (a business_hours value), int32 nentries, then per entry:
 *	key (int64, or int32 length + bytes), int64 first_in, int64 first_out
 *	(first response) or n_inbound (reply time), int32 nevents,
 *	nevents x int64 (reply time: the n_inbound inbound ones first)
 * ----------------------------------------------------------------------
 */
static void
rs_write(StringInfo buf, const RsParts *s)
{
	const RsEntry *e = s->entries;
	const int64 *ev = s->events;
	const RsOpts *o = s->opts;
	int64	   *sorted = NULL;
	int32		bufcap = 0;

	Assert(s->nlog == 0);
	pq_sendint32(buf, RS_MAGIC);
	pq_sendint8(buf, s->kind);
	pq_sendint8(buf, s->keykind);
	pq_sendint16(buf, s->keylen);
	pq_sendint32(buf, s->keytype);
	pq_sendfloat8(buf, o->fraction);
	pq_sendint32(buf, o->nwindows);
	for (int32 i = 0; i < o->nwindows; i++)
		pq_sendint64(buf, o->windows[i]);
	pq_sendint32(buf, o->bh_len);
	pq_sendbytes(buf, RS_OPTS_BH_RAW(o), o->bh_len);
	pq_sendint32(buf, s->nentries);
	for (int64 i = 0; i < s->nentries; ev += e[i].nevents, i++)
	{
		if (s->keykind == RS_KEY_BYTES)
		{
			const char *p = s->arena + e[i].key;
			int32		len;

			memcpy(&len, p, sizeof(int32));
			pq_sendint32(buf, len);
			pq_sendbytes(buf, p + sizeof(int32), len);
		}
		else
			pq_sendint64(buf, e[i].key);
		pq_sendint64(buf, e[i].first_in);
		pq_sendint64(buf, e[i].u.first_out);
		pq_sendint32(buf, e[i].nevents);
		/* in time order (inbound ones first for reply time): one text per state */
		if (e[i].nevents > bufcap)
		{
			bufcap = Max(64, e[i].nevents);
			if (sorted)
				pfree(sorted);
			sorted = palloc_extended(sizeof(int64) * bufcap, MCXT_ALLOC_HUGE);
		}
		if (e[i].nevents > 0)
		{
			int32		n_in = s->kind == RS_KIND_REPLY ? (int32) e[i].u.n_inbound : 0;

			memcpy(sorted, ev, sizeof(int64) * e[i].nevents);
			qsort(sorted, n_in, sizeof(int64), rs_int64_cmp);
			qsort(sorted + n_in, e[i].nevents - n_in, sizeof(int64), rs_int64_cmp);
		}
		for (int32 j = 0; j < e[i].nevents; j++)
			pq_sendint64(buf, sorted[j]);
	}
	if (sorted)
		pfree(sorted);
}

static void
rs_bad(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid smskpi.response_state: %s", what)));
}

static void
rs_need(StringInfo buf, int64 bytes)
{
	if (bytes < 0 || bytes > buf->len - buf->cursor)
		rs_bad("truncated data");
}

static inline TimestampTz
rs_read_ts(StringInfo buf, bool allow_none)
{
	TimestampTz t = (TimestampTz) pq_getmsgint64(buf);

	if (t == RS_NO_TIME && allow_none)
		return t;
	if (TIMESTAMP_NOT_FINITE(t) || !IS_VALID_TIMESTAMP(t))
		rs_bad("timestamp out of range");
	return t;
}

/*
 * Read the binary form.  The entries are turned back into messages and
 * merged, so the result is a well-formed state whatever the input said
 * (order, duplicates, an answer before the question...): only the framing,
 * counts, lengths and timestamps need checking.
 */
static ResponseState *
rs_read(StringInfo buf)
{
	RsParts		p;
	ResponseState *out;
	int			kind,
				keykind;
	int16		keylen;
	Oid			keytype;
	int32		nentries;
	RsOpts	   *opts;
	float8		fraction;
	int32		nwindows,
				bh_len;
	int64		rows_cap = 64,
				arena_cap = 256;
	RsLogRow   *rows;
	char	   *arena;
	int64		nrows = 0,
				na = 0;

	rs_need(buf, 12);
	if ((uint32) pq_getmsgint(buf, 4) != RS_MAGIC)
		rs_bad("unknown format version");
	kind = pq_getmsgint(buf, 1);
	keykind = pq_getmsgint(buf, 1);
	keylen = (int16) pq_getmsgint(buf, 2);
	keytype = pq_getmsgint(buf, 4);
	if (kind != RS_KIND_FIRST && kind != RS_KIND_REPLY)
		rs_bad("unknown kind");
	if (!(keykind == RS_KEY_NONE ||
		  (keykind == RS_KEY_BYVAL && (keylen == 1 || keylen == 2 || keylen == 4 || keylen == 8)) ||
		  (keykind == RS_KEY_BYTES && (keylen == -1 || keylen == -2 || keylen > 0))))
		rs_bad("unknown key kind");
	{
		/* the key type: one the aggregates accept, stored as they store it */
		char	   *problem = rs_key_type_problem(keykind, keylen, keytype);

		if (problem != NULL)
			rs_bad(problem);
	}

	rs_need(buf, 12);
	fraction = pq_getmsgfloat8(buf);
	nwindows = (int32) pq_getmsgint(buf, 4);
	if (!(fraction == -1 || (fraction >= 0 && fraction <= 1)))
		rs_bad("bad fraction");
	rs_need(buf, (int64) nwindows * 8);
	opts = palloc0(RS_OPTS_SIZE(nwindows, 0));
	opts->fraction = fraction;
	opts->nwindows = nwindows;
	for (int32 i = 0; i < nwindows; i++)
	{
		opts->windows[i] = pq_getmsgint64(buf);
		if (opts->windows[i] < 0)
			rs_bad("negative window");
	}
	rs_need(buf, 4);
	bh_len = (int32) pq_getmsgint(buf, 4);
	rs_need(buf, bh_len);
	if (bh_len > 0)
	{
		opts = repalloc(opts, RS_OPTS_SIZE(nwindows, bh_len));
		opts->bh_len = bh_len;
		pq_copymsgbytes(buf, RS_OPTS_BH_RAW(opts), bh_len);
		if (bh_len < VARHDRSZ || VARSIZE(RS_OPTS_BH_RAW(opts)) != bh_len)
			rs_bad("bad business hours");
		smskpi_business_hours_validate(RS_OPTS_BH(opts), bh_len);
	}

	rs_need(buf, 4);
	nentries = (int32) pq_getmsgint(buf, 4);
	if (nentries < 0 || nentries > (buf->len - buf->cursor) / 20)
		rs_bad("bad number of conversations");
	rows = palloc(sizeof(RsLogRow) * rows_cap);
	arena = palloc(arena_cap);
	for (int32 i = 0; i < nentries; i++)
	{
		RsKey		key;
		TimestampTz first_in,
					second;
		int32		nev;
		int64		keyoff = 0;

		memset(&key, 0, sizeof(key));
		if (keykind == RS_KEY_BYTES)
		{
			rs_need(buf, 4);
			key.len = (int32) pq_getmsgint(buf, 4);
			rs_need(buf, key.len);
			if (keylen > 0 && key.len != keylen)
				rs_bad("bad key length");
			key.bytes = pq_getmsgbytes(buf, key.len);
			key.hash = hash_bytes((const unsigned char *) key.bytes, key.len);
			while (na + INTALIGN(sizeof(int32) + key.len) > arena_cap)
			{
				arena_cap *= 2;
				arena = repalloc_huge(arena, arena_cap);
			}
			memcpy(arena + na, &key.len, sizeof(int32));
			memcpy(arena + na + sizeof(int32), key.bytes, key.len);
			keyoff = na;
			na += INTALIGN(sizeof(int32) + key.len);
		}
		else
		{
			rs_need(buf, 8);
			key.value = (uint64) pq_getmsgint64(buf);
			if (keykind == RS_KEY_NONE && key.value != 0)
				rs_bad("a key in a state without keys");
			key.hash = keykind == RS_KEY_NONE ? 0 : rs_hash64(key.value);
			keyoff = key.value;
		}
		rs_need(buf, 20);
		first_in = rs_read_ts(buf, true);
		if (kind == RS_KIND_FIRST)
			second = rs_read_ts(buf, true);
		else
			second = pq_getmsgint64(buf);	/* n_inbound */
		nev = (int32) pq_getmsgint(buf, 4);
		rs_need(buf, (int64) nev * 8);
		if (nev < 0 || (kind == RS_KIND_REPLY && (second < 0 || second > nev)))
			rs_bad("bad number of messages");
		if (keykind == RS_KEY_NONE && nentries > 1)
			rs_bad("more than one conversation in a state without keys");
		while (nrows + nev + 2 > rows_cap)
		{
			rows_cap *= 2;
			rows = repalloc_huge(rows, sizeof(RsLogRow) * rows_cap);
		}
#define RS_ROW(t, in) \
		do { \
			rows[nrows].key = keyoff; \
			rows[nrows].hash = key.hash; \
			rows[nrows].ts = (t); \
			rows[nrows].inbound = (in); \
			nrows++; \
		} while (0)
		if (kind == RS_KIND_FIRST)
		{
			if (first_in != RS_NO_TIME)
				RS_ROW(first_in, 1);
			if (second != RS_NO_TIME)
				RS_ROW(second, 0);
			for (int32 j = 0; j < nev; j++)
				RS_ROW(rs_read_ts(buf, false), 0);
		}
		else
		{
			/* a conversation with no message at all is dropped */
			for (int32 j = 0; j < nev; j++)
				RS_ROW(rs_read_ts(buf, false), j < second);
		}
#undef RS_ROW
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	pq_getmsgend(buf);

	/* a log-only state holding the rows, merged */
	memset(&p, 0, sizeof(p));
	p.kind = kind;
	p.keykind = keykind;
	p.keylen = keylen;
	p.keytype = keytype;
	p.opts = opts;
	p.log = rows;
	p.nlog = nrows;
	p.log_arena = arena;
	p.log_arena_used = na;
	out = rs_merge_parts(&p, NULL);
	pfree(rows);
	pfree(arena);
	pfree(opts);
	return out;
}

/* response_state_in(cstring) returns the state written as hex by response_state_out. */
PG_FUNCTION_INFO_V1(response_state_in);
Datum
response_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	StringInfoData buf;
	ResponseState *s;

	if (len < 2 || str[0] != '\\' || str[1] != 'x' || len % 2 != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type smskpi.response_state"),
				 errdetail("A state is written as \\x followed by an even number of hex digits.")));
	initStringInfo(&buf);
	enlargeStringInfo(&buf, (len - 2) / 2 + 1);
	buf.len = hex_decode(str + 2, len - 2, buf.data);
	buf.data[buf.len] = '\0';
	s = rs_read(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(s);
}

/* response_state_out(state) returns the state as \x and hex digits. */
PG_FUNCTION_INFO_V1(response_state_out);
Datum
response_state_out(PG_FUNCTION_ARGS)
{
	RsParts		s;
	StringInfoData buf;
	char	   *out;

	rs_parts_compact(PG_GETARG_DATUM(0), &s);
	initStringInfo(&buf);
	rs_write(&buf, &s);
	out = palloc((Size) buf.len * 2 + 3);
	out[0] = '\\';
	out[1] = 'x';
	out[2 + hex_encode(buf.data, buf.len, out + 2)] = '\0';
	PG_RETURN_CSTRING(out);
}

/* response_state_recv(internal) returns the state read from its binary form. */
PG_FUNCTION_INFO_V1(response_state_recv);
Datum
response_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_POINTER(rs_read(buf));
}

/* response_state_send(state) returns the binary form of the state. */
PG_FUNCTION_INFO_V1(response_state_send);
Datum
response_state_send(PG_FUNCTION_ARGS)
{
	RsParts		s;
	StringInfoData buf;

	rs_parts_compact(PG_GETARG_DATUM(0), &s);
	pq_begintypsend(&buf);
	rs_write(&buf, &s);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * response_state_info(state) returns (kind, key_type, conversations,
 * stored_messages, bytes, bytes_per_conversation) of the compacted state.
 */
PG_FUNCTION_INFO_V1(response_state_info);
Datum
response_state_info(PG_FUNCTION_ARGS)
{
	RsParts		p;
	const RsParts *s = &p;
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {0};
	int64		bytes;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	rs_parts_compact(PG_GETARG_DATUM(0), &p);
	/* without the empty log */
	bytes = rs_compacted_bytes(s);
	values[0] = CStringGetTextDatum(s->kind == RS_KIND_FIRST ? "first_response" : "reply_time");
	if (s->keykind == RS_KEY_NONE)
		nulls[1] = true;
	else
		values[1] = ObjectIdGetDatum(s->keytype);
	values[2] = Int64GetDatum(s->nentries);
	values[3] = Int64GetDatum(s->nevents);
	values[4] = Int64GetDatum(bytes);
	if (s->nentries > 0)
		values[5] = Float8GetDatum((double) bytes / s->nentries);
	else
		nulls[5] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
