/*
 * business_hours_fuzz.c -- libFuzzer harness for the input functions of
 * smskpi.business_hours (src/business_hours.c: text input
 * smskpi_business_hours_in, binary smskpi_business_hours_recv, and
 * smskpi_business_hours_validate, which checks the copy embedded in a
 * response_state) and for smskpi_business_usecs over accepted values.
 *
 * fuzz-mode: server
 * fuzz-sources: src/business_hours.c
 *
 * pg_tzset() is the fake one of test/fuzz/shim/server/pgstub.c: a few
 * synthetic zones (fixed offsets from -11:00 to +23:59:59, a periodic
 * daylight-saving zone "America/New_York", and rejected ones).  The real
 * zone database is exercised by the SQL-level fuzz
 * (test/hostile_fuzz.sql).
 *
 * Input: byte 0 picks the path, the rest is the payload.
 *	 0, 3: payload as the cstring given to business_hours_in (up to a NUL)
 *	 1: payload as the StringInfo of business_hours_recv
 *	 2: payload as a stored value (4-byte varlena header added) given to
 *		smskpi_business_hours_validate
 *
 * Properties of an accepted value v (errors must be clean, see pgstub.h):
 *	 - in(out(v)) == v byte for byte, recv(send(v)) == v;
 *	 - for instants a <= b <= c derived from the input (within the
 *	   timestamptz range): 0 <= usecs(a, b) <= b - a, usecs(b, a) = 0 and
 *	   usecs(a, c) = usecs(a, b) + usecs(b, c) (working time is additive).
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/timestamp.h"

#include "business_hours.h"
#include "pgstub.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern Datum smskpi_business_hours_in(PG_FUNCTION_ARGS);
extern Datum smskpi_business_hours_out(PG_FUNCTION_ARGS);
extern Datum smskpi_business_hours_recv(PG_FUNCTION_ARGS);
extern Datum smskpi_business_hours_send(PG_FUNCTION_ARGS);

static Datum
call1(PGFunction f, Datum a)
{
	LOCAL_FCINFO(fcinfo, 1);

	InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = a;
	fcinfo->args[0].isnull = false;
	return f(fcinfo);
}

static BusinessHours *
recv_bytes(const char *p, int len)
{
	StringInfoData buf;

	buf.data = palloc(len + 1);
	memcpy(buf.data, p, len);
	buf.data[len] = '\0';
	buf.len = len;
	buf.maxlen = len + 1;
	buf.cursor = 0;
	return (BusinessHours *) DatumGetPointer(call1(smskpi_business_hours_recv,
												   PointerGetDatum(&buf)));
}

static void
bug(const char *what, const BusinessHours *bh)
{
	fprintf(stderr, "business_hours_fuzz: %s (zone %s)\n", what, BH_TZNAME(bh));
	abort();
}

static uint64
mix(uint64 *s)
{
	uint64		z = (*s += UINT64CONST(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64CONST(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* an instant in [MIN_TIMESTAMP, END_TIMESTAMP) */
static TimestampTz
clamp_ts(int128 t)
{
	if (t < MIN_TIMESTAMP)
		return MIN_TIMESTAMP;
	if (t >= END_TIMESTAMP)
		return END_TIMESTAMP - 1;
	return (TimestampTz) t;
}

static void
check_usecs(const BusinessHours *bh, uint64 seed)
{
	/* spans: up to 40 years mostly, sometimes the whole range */
	const int64 span = INT64CONST(40) * 366 * USECS_PER_DAY;

	for (int round = 0; round < 3; round++)
	{
		TimestampTz a,
					b,
					c;
		int64		ab,
					bc,
					ac;

		if (round == 2 && (seed & 7) == 0)
		{
			a = MIN_TIMESTAMP;
			c = END_TIMESTAMP - 1;
			b = clamp_ts((int128) MIN_TIMESTAMP + (int128) (mix(&seed) % ((uint64) c - (uint64) a)));
		}
		else
		{
			/* around 2026, or anywhere */
			int128		base = (round == 0) ? INT64CONST(830000000000000) :
			(int128) MIN_TIMESTAMP + (int128) (mix(&seed) % ((uint64) END_TIMESTAMP - (uint64) MIN_TIMESTAMP));

			a = clamp_ts(base + (int128) (int64) (mix(&seed) % (uint64) span) - span / 2);
			b = clamp_ts((int128) a + (int128) (mix(&seed) % (uint64) span));
			c = clamp_ts((int128) b + (int128) (mix(&seed) % (uint64) span));
		}
		ab = smskpi_business_usecs(bh, a, b);
		bc = smskpi_business_usecs(bh, b, c);
		ac = smskpi_business_usecs(bh, a, c);
		if (ab < 0 || ab > (int128) b - a || bc < 0 || bc > (int128) c - b)
			bug("working time outside [0, to - from]", bh);
		if ((int128) ac != (int128) ab + bc)
		{
			fprintf(stderr, "a=%ld b=%ld c=%ld: %ld + %ld != %ld\n",
					(long) a, (long) b, (long) c, (long) ab, (long) bc, (long) ac);
			bug("working time not additive", bh);
		}
		if (smskpi_business_usecs(bh, b, a) != 0 && b > a)
			bug("reversed span not 0", bh);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	BusinessHours *volatile bh = NULL;
	const char *payload;
	int			len;
	int			mode;

	if (size < 1 || size > 1 << 16)
		return 0;
	mode = data[0] & 3;
	payload = (const char *) data + 1;
	len = (int) size - 1;

	if (STUB_TRY())
	{
		if (mode == 0 || mode == 3)
		{
			char	   *str = palloc(len + 1);

			memcpy(str, payload, len);
			str[len] = '\0';
			bh = (BusinessHours *) DatumGetPointer(call1(smskpi_business_hours_in,
														 CStringGetDatum(str)));
		}
		else if (mode == 1)
			bh = recv_bytes(payload, len);
		else
		{
			BusinessHours *v = (BusinessHours *) stub_varlena(payload, len);

			smskpi_business_hours_validate(v, VARSIZE(v));
			bh = v;
		}
		STUB_END_TRY();
	}
	else
	{
		stub_check_error();
		bh = NULL;
	}

	if (bh != NULL)
	{
		char	   *out = DatumGetCString(call1(smskpi_business_hours_out, PointerGetDatum(bh)));
		BusinessHours *again = (BusinessHours *) DatumGetPointer(call1(smskpi_business_hours_in,
																	   CStringGetDatum(out)));
		bytea	   *bin = DatumGetByteaPP(call1(smskpi_business_hours_send, PointerGetDatum(bh)));
		BusinessHours *back = recv_bytes(VARDATA_ANY(bin), VARSIZE_ANY_EXHDR(bin));

		if (VARSIZE(again) != VARSIZE(bh) || memcmp(again, bh, VARSIZE(bh)) != 0)
		{
			fprintf(stderr, "text: %s\n", out);
			bug("in(out(v)) != v", bh);
		}
		if (VARSIZE(back) != VARSIZE(bh) || memcmp(back, bh, VARSIZE(bh)) != 0)
			bug("recv(send(v)) != v", bh);
		if (STUB_TRY())
		{
			check_usecs(bh, hash_bytes_extended(data, size, 0));
			STUB_END_TRY();
		}
		else
			stub_check_error();
	}
	stub_reset_memory();
	return 0;
}
