/*
 * response_state_fuzz.c -- libFuzzer harness for the input functions of
 * smskpi.response_state (src/response_state.c: response_state_in, the text
 * form "\x" + hex; response_state_recv, the binary form read by rs_read)
 * and for everything a user can then do with the value: the final
 * functions response_median / response_percentile_final /
 * response_percentile (src/response_time.c, rs_walk, business hours of the
 * state through src/business_hours.c), output, combine.
 *
 * fuzz-mode: server
 * fuzz-sources: src/response_state.c src/response_state_io.c src/response_time.c src/business_hours.c
 *
 * Input: byte 0 picks the path, the rest is the payload.
 *	 0: payload as the cstring given to response_state_in (up to a NUL)
 *	 1: "\x" + hex(payload) to response_state_in
 *	 2, 3: payload as the StringInfo of response_state_recv
 * Byte 1 (when present) also gives the fraction for response_percentile.
 *
 * Properties of an accepted value s (any error must be a clean 22xxx,
 * 08P01 or 54000 error, see pgstub.h):
 *	 - out(in(out(s))) == out(s) and send(recv(send(s))) == send(s)
 *	   (the forms are canonical);
 *	 - response_median(s) is NULL or a non-negative interval, and equals
 *	   response_median(combine(s, s)) (duplicated messages change no turn);
 *	 - s combined into a copy of s, two and three times, as the combine
 *	   function does it (rs_combine_datums: appended to the log, or merged
 *	   at once), gives the same text as merging the flat states
 *	   (rs_combine);
 *	 - response_percentile_final(s) and response_percentile(s, f) run.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "response_state.h"
#include "pgstub.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern Datum response_state_in(PG_FUNCTION_ARGS);
extern Datum response_state_out(PG_FUNCTION_ARGS);
extern Datum response_state_recv(PG_FUNCTION_ARGS);
extern Datum response_state_send(PG_FUNCTION_ARGS);
extern Datum response_median(PG_FUNCTION_ARGS);
extern Datum response_percentile_final(PG_FUNCTION_ARGS);
extern Datum response_percentile(PG_FUNCTION_ARGS);

static Datum
call2(PGFunction f, Datum a, Datum b, int nargs, bool *isnull)
{
	LOCAL_FCINFO(fcinfo, 2);
	Datum		r;

	InitFunctionCallInfoData(*fcinfo, NULL, nargs, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = a;
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = b;
	fcinfo->args[1].isnull = false;
	r = f(fcinfo);
	if (isnull)
		*isnull = fcinfo->isnull;
	return r;
}

static Datum
call1(PGFunction f, Datum a, bool *isnull)
{
	return call2(f, a, (Datum) 0, 1, isnull);
}

static ResponseState *
recv_bytes(const char *p, int len)
{
	StringInfoData buf;

	/* like the server: data[len] is a NUL, and nothing after it */
	buf.data = palloc(len + 1);
	memcpy(buf.data, p, len);
	buf.data[len] = '\0';
	buf.len = len;
	buf.maxlen = len + 1;
	buf.cursor = 0;
	return (ResponseState *) DatumGetPointer(call1(response_state_recv,
												   PointerGetDatum(&buf), NULL));
}

/* the median as microseconds, or -1 for NULL */
static int64
median_usecs(ResponseState *s)
{
	bool		isnull;
	Datum		d = call1(response_median, PointerGetDatum(s), &isnull);
	Interval   *iv;
	int64		us;

	if (isnull)
		return -1;
	iv = DatumGetIntervalP(d);
	us = iv->time + (int64) iv->day * USECS_PER_DAY;
	if (iv->month != 0 || us < 0)
	{
		fprintf(stderr, "bad median: %d months %d days %ld us\n",
				iv->month, iv->day, (long) iv->time);
		abort();
	}
	return us;
}

static void
check_value(ResponseState *s, float8 fraction)
{
	char	   *out1,
			   *out2;
	bytea	   *bin1,
			   *bin2;
	int64		m1,
				m2;

	/* canonical text form */
	out1 = DatumGetCString(call1(response_state_out, PointerGetDatum(s), NULL));
	out2 = DatumGetCString(call1(response_state_out,
								 call1(response_state_in, CStringGetDatum(out1), NULL),
								 NULL));
	if (strcmp(out1, out2) != 0)
	{
		fprintf(stderr, "text form not canonical:\n%s\n%s\n", out1, out2);
		abort();
	}
	/* canonical binary form */
	bin1 = DatumGetByteaPP(call1(response_state_send, PointerGetDatum(s), NULL));
	bin2 = DatumGetByteaPP(call1(response_state_send,
								 PointerGetDatum(recv_bytes(VARDATA_ANY(bin1),
															VARSIZE_ANY_EXHDR(bin1))),
								 NULL));
	if (VARSIZE_ANY(bin1) != VARSIZE_ANY(bin2) ||
		memcmp(bin1, bin2, VARSIZE_ANY(bin1)) != 0)
	{
		fprintf(stderr, "binary form not canonical\n");
		abort();
	}

	/* the combine function's way (log appends) = merging flat states */
	{
		ResponseState *d = palloc(VARSIZE(s));
		ResponseState *m = s;

		memcpy(d, s, VARSIZE(s));
		for (int k = 0; k < 3; k++)
		{
			char	   *o1,
					   *o2;

			d = (ResponseState *) DatumGetPointer(rs_combine_datums(PointerGetDatum(d),
																	 PointerGetDatum(s),
																	 NULL, NULL));
			m = rs_combine(m, s);
			o1 = DatumGetCString(call1(response_state_out, PointerGetDatum(d), NULL));
			o2 = DatumGetCString(call1(response_state_out, PointerGetDatum(m), NULL));
			if (strcmp(o1, o2) != 0)
			{
				fprintf(stderr, "combine of %d copies: log appends differ from a merge:\n%s\n%s\n",
						k + 2, o1, o2);
				abort();
			}
		}
	}

	/* final functions; errors (e.g. an overflowing span) must be clean */
	if (STUB_TRY())
	{
		m1 = median_usecs(s);
		m2 = median_usecs(rs_combine(s, s));
		STUB_END_TRY();
		if (m1 != m2)
		{
			fprintf(stderr, "median %ld != median of combine(s, s) %ld\n",
					(long) m1, (long) m2);
			abort();
		}
	}
	else
		stub_check_error();
	/* a state no percentile aggregate made has no fraction: a clean error */
	if (STUB_TRY())
	{
		(void) call1(response_percentile_final, PointerGetDatum(s), NULL);
		STUB_END_TRY();
	}
	else
		stub_check_error();
	if (STUB_TRY())
	{
		(void) call2(response_percentile, PointerGetDatum(s),
					 Float8GetDatum(fraction), 2, NULL);
		STUB_END_TRY();
	}
	else
		stub_check_error();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ResponseState *volatile s = NULL;
	const char *payload;
	int			len;
	int			mode;
	float8		fraction;

	if (size < 1 || size > 1 << 16)
		return 0;
	mode = data[0] & 3;
	payload = (const char *) data + 1;
	len = (int) size - 1;
	fraction = size > 1 ? data[1] / 255.0 : 0.5;

	if (STUB_TRY())
	{
		if (mode == 0)
		{
			char	   *str = palloc(len + 1);

			memcpy(str, payload, len);
			str[len] = '\0';
			s = (ResponseState *) DatumGetPointer(call1(response_state_in,
														CStringGetDatum(str), NULL));
		}
		else if (mode == 1)
		{
			char	   *str = palloc(2 * (Size) len + 3);

			str[0] = '\\';
			str[1] = 'x';
			str[2 + hex_encode(payload, len, str + 2)] = '\0';
			s = (ResponseState *) DatumGetPointer(call1(response_state_in,
														CStringGetDatum(str), NULL));
		}
		else
			s = recv_bytes(payload, len);
		STUB_END_TRY();
	}
	else
	{
		stub_check_error();
		s = NULL;
	}

	/* an accepted value: no error allowed on output and round trips */
	if (s != NULL)
		check_value(s, fraction);
	stub_reset_memory();
	return 0;
}
