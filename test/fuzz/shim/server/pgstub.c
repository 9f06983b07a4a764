/*
 * test/fuzz/shim/server/pgstub.c -- a fake backend for libFuzzer harnesses
 * in "fuzz-mode: server" (see pgstub.h and test/fuzz/README.md).
 *
 * Compiled against PostgreSQL 15's server headers.  Each function mirrors
 * the behaviour of its server namesake that the fuzzed code relies on
 * (error codes included: pq_getmsg* raise 08P01 on short data exactly like
 * pqformat.c, palloc refuses more than MaxAllocSize, enlargeStringInfo
 * raises 54000), but memory is plain malloc so AddressSanitizer sees every
 * byte: a read one past a palloc'd chunk is reported.
 *
 * Time zones: pg_tzset() knows a handful of synthetic zones, enough to
 * drive business_hours through fixed offsets, a periodic daylight-saving
 * rule, extreme offsets and rejected zones:
 *
 *	UTC					0
 *	Asia/Kolkata		+05:30 fixed
 *	Pacific/Kiritimati	+14:00 fixed
 *	Pacific/Niue		-11:00 fixed
 *	America/New_York	-05:00, -04:00 from day 70 07:00 UTC to day 308
 *						06:00 UTC of every 365.2425-day "year" from 1800
 *						to 2400 (-05:00 outside: keeps a call over
 *						the whole timestamp range cheap for the fuzzer)
 *	Fuzz/Edge			+23:59:59 fixed (the largest accepted)
 *	Fuzz/Day			+24:00 fixed (rejected: offset of a day)
 *	Fuzz/Leap			not acceptable (like a leap-second zone)
 *
 * matched case-insensitively, canonical spelling returned by
 * pg_get_timezone_name().
 */
#include "postgres.h"

#include <sanitizer/asan_interface.h>
#include <strings.h>

#include "access/htup_details.h"
#include "access/nbtree.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"

#include "pgstub.h"

#ifndef ASAN_POISON_MEMORY_REGION
#define ASAN_POISON_MEMORY_REGION(a, s) ((void) 0)
#define ASAN_UNPOISON_MEMORY_REGION(a, s) ((void) 0)
#endif

sigjmp_buf	stub_error_jmp;
int			stub_in_try = 0;
char		stub_sqlstate[6];
char		stub_errmsg[512];
const char *stub_errfile;
int			stub_errline;
long		stub_nerrors = 0;

volatile sig_atomic_t InterruptPending = false;

void
ProcessInterrupts(void)
{
	InterruptPending = false;
}

static void stub_die(const char *what) pg_attribute_noreturn();

static void
stub_die(const char *what)
{
	fprintf(stderr, "pgstub: %s reached in the fuzz build\n", what);
	abort();
}

/* ----------------------------------------------------------------------
 * Memory: every chunk has a header (poisoned for ASan) linking it into one
 * list, so stub_reset_memory() frees everything like a context reset.
 * ----------------------------------------------------------------------
 */
typedef struct StubChunk
{
	struct StubChunk *prev;
	struct StubChunk *next;
	size_t		size;
	uint64		magic;
} StubChunk;

#define STUB_MAGIC UINT64CONST(0x5354554243484e4b)

static StubChunk stub_head = {&stub_head, &stub_head, 0, 0};
static long stub_nchunks = 0;

static MemoryContextData stub_context;
MemoryContext CurrentMemoryContext = &stub_context;
MemoryContext TopMemoryContext = &stub_context;
MemoryContext ErrorContext = &stub_context;

static void
stub_link(StubChunk *c)
{
	c->magic = STUB_MAGIC;
	c->prev = &stub_head;
	c->next = stub_head.next;
	if (c->next != &stub_head)
		ASAN_UNPOISON_MEMORY_REGION(c->next, sizeof(StubChunk));
	c->next->prev = c;
	if (c->next != &stub_head)
		ASAN_POISON_MEMORY_REGION(c->next, sizeof(StubChunk));
	stub_head.next = c;
	stub_nchunks++;
}

static void
stub_unlink(StubChunk *c)
{
	StubChunk  *p = c->prev,
			   *n = c->next;

	if (p != &stub_head)
		ASAN_UNPOISON_MEMORY_REGION(p, sizeof(StubChunk));
	if (n != &stub_head)
		ASAN_UNPOISON_MEMORY_REGION(n, sizeof(StubChunk));
	p->next = n;
	n->prev = p;
	if (p != &stub_head)
		ASAN_POISON_MEMORY_REGION(p, sizeof(StubChunk));
	if (n != &stub_head)
		ASAN_POISON_MEMORY_REGION(n, sizeof(StubChunk));
	stub_nchunks--;
}

static void *
stub_alloc(Size size, bool huge, bool zero)
{
	StubChunk  *c;

	if (huge ? !AllocHugeSizeIsValid(size) : !AllocSizeIsValid(size))
		elog(ERROR, "invalid memory alloc request size %zu", size);
	c = malloc(sizeof(StubChunk) + size);
	if (c == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	c->size = size;
	stub_link(c);
	ASAN_POISON_MEMORY_REGION(c, sizeof(StubChunk));
	if (zero)
		memset(c + 1, 0, size);
	return c + 1;
}

static StubChunk *
stub_chunk(void *p)
{
	StubChunk  *c = (StubChunk *) p - 1;

	ASAN_UNPOISON_MEMORY_REGION(c, sizeof(StubChunk));
	if (c->magic != STUB_MAGIC)
		stub_die("pfree/repalloc of a pointer not from palloc");
	return c;
}

void	   *
palloc(Size size)
{
	return stub_alloc(size, false, false);
}

void	   *
palloc0(Size size)
{
	return stub_alloc(size, false, true);
}

void	   *
palloc_extended(Size size, int flags)
{
	return stub_alloc(size, (flags & MCXT_ALLOC_HUGE) != 0, (flags & MCXT_ALLOC_ZERO) != 0);
}

void	   *
MemoryContextAlloc(MemoryContext context, Size size)
{
	return stub_alloc(size, false, false);
}

void	   *
MemoryContextAllocZero(MemoryContext context, Size size)
{
	return stub_alloc(size, false, true);
}

void	   *
MemoryContextAllocExtended(MemoryContext context, Size size, int flags)
{
	return palloc_extended(size, flags);
}

void	   *
MemoryContextAllocHuge(MemoryContext context, Size size)
{
	return stub_alloc(size, true, false);
}

static void *
stub_realloc(void *p, Size size, bool huge)
{
	StubChunk  *c;

	if (huge ? !AllocHugeSizeIsValid(size) : !AllocSizeIsValid(size))
		elog(ERROR, "invalid memory alloc request size %zu", size);
	c = stub_chunk(p);
	stub_unlink(c);
	c->magic = 0;
	c = realloc(c, sizeof(StubChunk) + size);
	if (c == NULL)
		stub_die("realloc failed");
	c->size = size;
	stub_link(c);
	ASAN_POISON_MEMORY_REGION(c, sizeof(StubChunk));
	return c + 1;
}

void	   *
repalloc(void *p, Size size)
{
	return stub_realloc(p, size, false);
}

void	   *
repalloc_huge(void *p, Size size)
{
	return stub_realloc(p, size, true);
}

void
pfree(void *p)
{
	StubChunk  *c = stub_chunk(p);

	stub_unlink(c);
	c->magic = 0;
	free(c);
}

void	   *
palloc_mul(Size s1, Size s2)
{
	Size		n;

	if (__builtin_mul_overflow(s1, s2, &n))
		elog(ERROR, "invalid memory alloc request size");
	return palloc(n);
}

void	   *
palloc0_mul(Size s1, Size s2)
{
	Size		n;

	if (__builtin_mul_overflow(s1, s2, &n))
		elog(ERROR, "invalid memory alloc request size");
	return palloc0(n);
}

char *
pstrdup(const char *s)
{
	size_t		n = strlen(s) + 1;
	char	   *r = palloc(n);

	memcpy(r, s, n);
	return r;
}

void
stub_reset_memory(void)
{
	while (stub_head.next != &stub_head)
	{
		StubChunk  *c = stub_head.next;

		ASAN_UNPOISON_MEMORY_REGION(c, sizeof(StubChunk));
		stub_unlink(c);
		c->magic = 0;
		free(c);
	}
}

long
stub_live_chunks(void)
{
	return stub_nchunks;
}

struct varlena *
stub_varlena(const void *data, size_t len)
{
	struct varlena *v = palloc(VARHDRSZ + len);

	SET_VARSIZE(v, VARHDRSZ + len);
	memcpy(VARDATA(v), data, len);
	return v;
}

/* ----------------------------------------------------------------------
 * Errors
 * ----------------------------------------------------------------------
 */
static int	stub_elevel;
static int	stub_code;

bool
errstart(int elevel, const char *domain)
{
	if (elevel < ERROR)
		return false;			/* notices and debug output: dropped */
	stub_elevel = elevel;
	stub_code = ERRCODE_INTERNAL_ERROR;
	stub_errmsg[0] = '\0';
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

int
errcode(int sqlerrcode)
{
	stub_code = sqlerrcode;
	return 0;
}

int
errmsg(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(stub_errmsg, sizeof(stub_errmsg), fmt, ap);
	va_end(ap);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(stub_errmsg, sizeof(stub_errmsg), fmt, ap);
	va_end(ap);
	return 0;
}

/* detail and hint are formatted too (a bad format argument would show) */
static int
stub_format_aside(const char *fmt, va_list ap)
{
	char		buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	return 0;
}

int
errdetail(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	stub_format_aside(fmt, ap);
	va_end(ap);
	return 0;
}

int
errdetail_internal(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	stub_format_aside(fmt, ap);
	va_end(ap);
	return 0;
}

int
errhint(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	stub_format_aside(fmt, ap);
	va_end(ap);
	return 0;
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	int			c = stub_code;

	for (int i = 0; i < 5; i++)
	{
		stub_sqlstate[i] = PGUNSIXBIT(c);
		c >>= 6;
	}
	stub_sqlstate[5] = '\0';
	stub_errfile = filename;
	stub_errline = lineno;
	stub_nerrors++;
	if (!stub_in_try)
	{
		fprintf(stderr, "pgstub: ERROR %s outside STUB_TRY at %s:%d: %s\n",
				stub_sqlstate, filename, lineno, stub_errmsg);
		abort();
	}
	stub_in_try = 0;
	siglongjmp(stub_error_jmp, 1);
}

int
stub_error_is(const char *prefix)
{
	return strncmp(stub_sqlstate, prefix, strlen(prefix)) == 0;
}

void
stub_check_error(void)
{
	if (stub_error_is("22") || stub_error_is("08P01") || stub_error_is("54000"))
		return;
	fprintf(stderr, "pgstub: unexpected error %s at %s:%d: %s\n",
			stub_sqlstate, stub_errfile, stub_errline, stub_errmsg);
	abort();
}

/* ----------------------------------------------------------------------
 * StringInfo (common/stringinfo.c)
 * ----------------------------------------------------------------------
 */
void
initStringInfo(StringInfo str)
{
	str->data = palloc(1024);
	str->maxlen = 1024;
	resetStringInfo(str);
}

void
resetStringInfo(StringInfo str)
{
	str->data[0] = '\0';
	str->len = 0;
	str->cursor = 0;
}

void
enlargeStringInfo(StringInfo str, int needed)
{
	int			newlen;

	if (needed < 0)
		elog(ERROR, "invalid string enlargement request size: %d", needed);
	if (((Size) needed) >= (MaxAllocSize - (Size) str->len))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("out of memory"),
				 errdetail("Cannot enlarge string buffer containing %d bytes by %d more bytes.",
						   str->len, needed)));
	needed += str->len + 1;
	if (needed <= str->maxlen)
		return;
	newlen = 2 * str->maxlen;
	while (needed > newlen)
		newlen = 2 * newlen;
	if (newlen > (int) MaxAllocSize)
		newlen = (int) MaxAllocSize;
	str->data = repalloc(str->data, newlen);
	str->maxlen = newlen;
}

void
appendBinaryStringInfo(StringInfo str, const char *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
	str->data[str->len] = '\0';
}

void
appendBinaryStringInfoNT(StringInfo str, const char *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
}

void
appendStringInfoString(StringInfo str, const char *s)
{
	appendBinaryStringInfo(str, s, strlen(s));
}

void
appendStringInfoChar(StringInfo str, char ch)
{
	if (str->len + 1 >= str->maxlen)
		enlargeStringInfo(str, 1);
	str->data[str->len] = ch;
	str->len++;
	str->data[str->len] = '\0';
}

void
appendStringInfo(StringInfo str, const char *fmt,...)
{
	for (;;)
	{
		va_list		ap;
		int			avail = str->maxlen - str->len,
					n;

		va_start(ap, fmt);
		n = vsnprintf(str->data + str->len, avail, fmt, ap);
		va_end(ap);
		if (n >= 0 && n < avail)
		{
			str->len += n;
			return;
		}
		enlargeStringInfo(str, n + 1);
	}
}

/* ----------------------------------------------------------------------
 * libpq/pqformat.c
 * ----------------------------------------------------------------------
 */
void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	appendStringInfoCharMacro(buf, '\0');
	appendStringInfoCharMacro(buf, '\0');
	appendStringInfoCharMacro(buf, '\0');
	appendStringInfoCharMacro(buf, '\0');
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	SET_VARSIZE(result, buf->len);
	return result;
}

void
pq_sendbytes(StringInfo buf, const char *data, int datalen)
{
	appendBinaryStringInfo(buf, data, datalen);
}

void
pq_sendfloat8(StringInfo buf, float8 f)
{
	union
	{
		float8		f;
		int64		i;
	}			swap;

	swap.f = f;
	pq_sendint64(buf, swap.i);
}

void
pq_copymsgbytes(StringInfo msg, char *buf, int datalen)
{
	if (datalen < 0 || datalen > (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("insufficient data left in message")));
	memcpy(buf, &msg->data[msg->cursor], datalen);
	msg->cursor += datalen;
}

const char *
pq_getmsgbytes(StringInfo msg, int datalen)
{
	const char *result;

	if (datalen < 0 || datalen > (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("insufficient data left in message")));
	result = &msg->data[msg->cursor];
	msg->cursor += datalen;
	return result;
}

unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	unsigned char n8;
	uint16		n16;
	uint32		n32;

	switch (b)
	{
		case 1:
			pq_copymsgbytes(msg, (char *) &n8, 1);
			return n8;
		case 2:
			pq_copymsgbytes(msg, (char *) &n16, 2);
			return pg_ntoh16(n16);
		case 4:
			pq_copymsgbytes(msg, (char *) &n32, 4);
			return pg_ntoh32(n32);
		default:
			elog(ERROR, "unsupported integer size %d", b);
	}
	return 0;
}

int64
pq_getmsgint64(StringInfo msg)
{
	uint64		n64;

	pq_copymsgbytes(msg, (char *) &n64, sizeof(n64));
	return pg_ntoh64(n64);
}

float8
pq_getmsgfloat8(StringInfo msg)
{
	union
	{
		float8		f;
		int64		i;
	}			swap;

	swap.i = pq_getmsgint64(msg);
	return swap.f;
}

void
pq_getmsgend(StringInfo msg)
{
	if (msg->cursor != msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("invalid message format")));
}

/* ----------------------------------------------------------------------
 * utils/adt/encode.c (PostgreSQL 15: whitespace skipped, 22023 errors)
 * ----------------------------------------------------------------------
 */
static const char hextbl[] = "0123456789abcdef";

uint64
hex_encode(const char *src, size_t len, char *dst)
{
	const char *end = src + len;

	while (src < end)
	{
		*dst++ = hextbl[(*src >> 4) & 0xF];
		*dst++ = hextbl[*src & 0xF];
		src++;
	}
	return (uint64) len * 2;
}

static inline char
get_hex(const char *cp)
{
	unsigned char c = (unsigned char) *cp;

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid hexadecimal digit: \"%.*s\"", 1, cp)));
	return 0;
}

uint64
hex_decode(const char *src, size_t len, char *dst)
{
	const char *s = src,
			   *srcend = src + len;
	char	   *p = dst;

	while (s < srcend)
	{
		char		v1,
					v2;

		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		{
			s++;
			continue;
		}
		v1 = get_hex(s) << 4;
		s++;
		if (s >= srcend)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid hexadecimal data: odd number of digits")));
		v2 = get_hex(s);
		s++;
		*p++ = v1 | v2;
	}
	return p - dst;
}

/* ----------------------------------------------------------------------
 * varlena helpers (fmgr.c, varlena.c) for in-memory values
 * ----------------------------------------------------------------------
 */
struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	if (VARATT_IS_EXTERNAL(datum) || VARATT_IS_COMPRESSED(datum))
		stub_die("detoasting an external or compressed datum");
	if (VARATT_IS_SHORT(datum))
	{
		Size		len = VARSIZE_SHORT(datum) - VARHDRSZ_SHORT;
		struct varlena *r = palloc(len + VARHDRSZ);

		SET_VARSIZE(r, len + VARHDRSZ);
		memcpy(VARDATA(r), VARDATA_SHORT(datum), len);
		return r;
	}
	return datum;
}

struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	if (VARATT_IS_EXTERNAL(datum) || VARATT_IS_COMPRESSED(datum))
		stub_die("detoasting an external or compressed datum");
	return datum;
}

text *
cstring_to_text(const char *s)
{
	return (text *) stub_varlena(s, strlen(s));
}

char *
text_to_cstring(const text *t)
{
	text	   *tunpacked = (text *) pg_detoast_datum_packed((struct varlena *) t);
	int			len = VARSIZE_ANY_EXHDR(tunpacked);
	char	   *r = palloc(len + 1);

	memcpy(r, VARDATA_ANY(tunpacked), len);
	r[len] = '\0';
	return r;
}

char *
format_type_be(Oid type_oid)
{
	char	   *r = palloc(32);

	snprintf(r, 32, "type %u", type_oid);
	return r;
}

#undef qsort
void
pg_qsort(void *base, size_t nel, size_t elsize,
		 int (*cmp) (const void *, const void *))
{
	qsort(base, nel, elsize, cmp);
}

/* ----------------------------------------------------------------------
 * utils/adt/datetime.c
 * ----------------------------------------------------------------------
 */
const int	day_tab[2][13] =
{
	{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0},
	{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0}
};

int
date2j(int y, int m, int d)
{
	int			julian;
	int			century;

	if (m > 2)
	{
		m += 1;
		y += 4800;
	}
	else
	{
		m += 13;
		y += 4799;
	}
	century = y / 100;
	julian = y * 365 - 32167;
	julian += y / 4 - century + century / 4;
	julian += 7834 * m / 256 + d;
	return julian;
}

void
j2date(int jd, int *year, int *month, int *day)
{
	unsigned int julian;
	unsigned int quad;
	unsigned int extra;
	int			y;

	julian = jd;
	julian += 32044;
	quad = julian / 146097;
	extra = (julian - quad * 146097) * 4 + 3;
	julian += 60 + quad * 3 + extra / 146097;
	quad = julian / 1461;
	julian -= quad * 1461;
	y = julian * 4 / 1461;
	julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366))
		+ 123;
	y += quad * 4;
	*year = y - 4800;
	quad = julian * 2141 / 65536;
	*day = julian - 7834 * quad / 256;
	*month = (quad + 10) % MONTHS_PER_YEAR + 1;
}

/* ----------------------------------------------------------------------
 * Synthetic time zones (see the header comment)
 * ----------------------------------------------------------------------
 */
struct pg_tz
{
	const char *name;
	long		std;			/* UTC offset, seconds east */
	long		dst;			/* offset in daylight time, if periodic */
	bool		periodic;
	bool		acceptable;
};

static struct pg_tz stub_zones[] = {
	{"UTC", 0, 0, false, true},
	{"Asia/Kolkata", 19800, 0, false, true},
	{"Pacific/Kiritimati", 50400, 0, false, true},
	{"Pacific/Niue", -39600, 0, false, true},
	{"America/New_York", -18000, -14400, true, true},
	{"Fuzz/Edge", 86399, 0, false, true},
	{"Fuzz/Day", 86400, 0, false, true},
	{"Fuzz/Leap", 0, 0, false, false},
};

#define STUB_YEAR	INT64CONST(31556952)	/* 365.2425 days */
#define STUB_DST_ON (INT64CONST(70) * 86400 + 7 * 3600)
#define STUB_DST_OFF (INT64CONST(308) * 86400 + 6 * 3600)
#define STUB_FIRST_YEAR (-170)		/* years since 1970 */
#define STUB_LAST_YEAR 430

pg_tz *
pg_tzset(const char *tzname)
{
	for (size_t i = 0; i < lengthof(stub_zones); i++)
		if (strcasecmp(stub_zones[i].name, tzname) == 0)
			return &stub_zones[i];
	return NULL;
}

bool
pg_tz_acceptable(pg_tz *tz)
{
	return tz->acceptable;
}

const char *
pg_get_timezone_name(pg_tz *tz)
{
	return tz->name;
}

static inline int64
stub_floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	if ((a % b) != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int
pg_next_dst_boundary(const pg_time_t *timep, long int *before_gmtoff,
					 int *before_isdst, pg_time_t *boundary,
					 long int *after_gmtoff, int *after_isdst, const pg_tz *tz)
{
	pg_time_t	t = *timep;
	int64		k,
				r;

	if (!tz->periodic)
	{
		*before_gmtoff = tz->std;
		*before_isdst = 0;
		return 0;
	}
	k = stub_floor_div(t, STUB_YEAR);
	r = t - k * STUB_YEAR;
	if (k < STUB_FIRST_YEAR)
	{
		k = STUB_FIRST_YEAR;
		r = -1;
	}
	if (k > STUB_LAST_YEAR || (k == STUB_LAST_YEAR && r >= STUB_DST_OFF))
	{
		*before_gmtoff = tz->std;
		*before_isdst = 0;
		return 0;
	}
	if (r < STUB_DST_ON)
	{
		*before_gmtoff = tz->std;
		*before_isdst = 0;
		*boundary = k * STUB_YEAR + STUB_DST_ON;
		*after_gmtoff = tz->dst;
		*after_isdst = 1;
	}
	else if (r < STUB_DST_OFF)
	{
		*before_gmtoff = tz->dst;
		*before_isdst = 1;
		*boundary = k * STUB_YEAR + STUB_DST_OFF;
		*after_gmtoff = tz->std;
		*after_isdst = 0;
	}
	else
	{
		*before_gmtoff = tz->std;
		*before_isdst = 0;
		*boundary = (k + 1) * STUB_YEAR + STUB_DST_ON;
		*after_gmtoff = tz->dst;
		*after_isdst = 1;
	}
	return 1;
}

/* ----------------------------------------------------------------------
 * A small type catalog, for the key type of response_state values
 * (rs_key_type_problem in src/response_time.c): a few built-in types, with
 * their length, pass-by-value flag and whether btree's equalimage says
 * their values can be compared by image.  Every other OID does not exist.
 * ----------------------------------------------------------------------
 */
typedef struct StubType
{
	Oid			oid;
	int16		typlen;
	bool		typbyval;
	bool		equalimage;
} StubType;

static const StubType stub_types[] = {
	{BOOLOID, 1, true, true},
	{CHAROID, 1, true, true},
	{INT2OID, 2, true, true},
	{INT4OID, 4, true, true},
	{INT8OID, 8, true, true},
	{OIDOID, 4, true, true},
	{DATEOID, 4, true, true},
	{TIMESTAMPTZOID, 8, true, true},
	{TEXTOID, -1, false, true},
	{VARCHAROID, -1, false, true},
	{UUIDOID, 16, false, true},
	{NUMERICOID, -1, false, false},
	{FLOAT8OID, 8, true, false},
	{INT4ARRAYOID, -1, false, false},
};

#define STUB_EQUALIMAGE_PROC 1	/* the fake OID of an equalimage function */

static const StubType *
stub_type(Oid t)
{
	for (int i = 0; i < lengthof(stub_types); i++)
		if (stub_types[i].oid == t)
			return &stub_types[i];
	return NULL;
}

bool
SearchSysCacheExists(int cacheId, Datum key1, Datum key2, Datum key3, Datum key4)
{
	if (cacheId != TYPEOID)
		stub_die("SearchSysCacheExists of another catalog than pg_type");
	return stub_type(DatumGetObjectId(key1)) != NULL;
}

bool
get_typisdefined(Oid typid)
{
	return stub_type(typid) != NULL;
}

void
get_typlenbyval(Oid typid, int16 *typlen, bool *typbyval)
{
	const StubType *t = stub_type(typid);

	if (t == NULL)
		stub_die("get_typlenbyval of a type that does not exist");
	*typlen = t->typlen;
	*typbyval = t->typbyval;
}

/* the opfamily of a type is the type's OID; only btree_opf/opintype are set */
TypeCacheEntry *
lookup_type_cache(Oid type_id, int flags)
{
	static TypeCacheEntry e;

	if (stub_type(type_id) == NULL)
		stub_die("lookup_type_cache of a type that does not exist");
	memset(&e, 0, sizeof(e));
	e.type_id = type_id;
	e.btree_opf = type_id;
	e.btree_opintype = type_id;
	return &e;
}

Oid
get_opfamily_proc(Oid opfamily, Oid lefttype, Oid righttype, int16 procnum)
{
	const StubType *t = stub_type(opfamily);

	if (procnum == BTEQUALIMAGE_PROC && t != NULL && t->equalimage &&
		lefttype == opfamily && righttype == opfamily)
		return STUB_EQUALIMAGE_PROC;
	return InvalidOid;
}

Datum
OidFunctionCall1Coll(Oid functionId, Oid collation, Datum arg1)
{
	if (functionId != STUB_EQUALIMAGE_PROC)
		stub_die("OidFunctionCall1Coll of an unknown function");
	return BoolGetDatum(true);
}

char *
format_type_extended(Oid type_oid, int32 typemod, bits16 flags)
{
	return format_type_be(type_oid);
}

/* ----------------------------------------------------------------------
 * Server functions the harnesses must never reach
 * ----------------------------------------------------------------------
 */
#define STUB_UNREACHABLE(ret, name, args) \
	ret name args { stub_die(#name); }

STUB_UNREACHABLE(int, AggCheckCallContext, (FunctionCallInfo fcinfo, MemoryContext *aggcontext))
STUB_UNREACHABLE(struct Aggref *, AggGetAggref, (FunctionCallInfo fcinfo))
STUB_UNREACHABLE(TupleDesc, BlessTupleDesc, (TupleDesc tupdesc))
STUB_UNREACHABLE(Datum, HeapTupleHeaderGetDatum, (HeapTupleHeader tuple))
STUB_UNREACHABLE(HeapTuple, heap_form_tuple, (TupleDesc d, Datum *v, bool *n))
STUB_UNREACHABLE(TypeFuncClass, get_call_result_type, (FunctionCallInfo f, Oid *o, TupleDesc *t))
STUB_UNREACHABLE(ArrayType *, construct_array, (Datum *e, int n, Oid t, int l, bool v, char a))
STUB_UNREACHABLE(void, deconstruct_array, (ArrayType *a, Oid t, int l, bool v, char al, Datum **e, bool **n, int *ne))
STUB_UNREACHABLE(Oid, get_fn_expr_argtype, (FmgrInfo *f, int n))
STUB_UNREACHABLE(void, InitMaterializedSRF, (FunctionCallInfo f, bits32 flags))
STUB_UNREACHABLE(void, tuplestore_putvalues, (Tuplestorestate *s, TupleDesc d, Datum *v, bool *n))
