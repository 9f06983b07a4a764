/*-------------------------------------------------------------------------
 *
 * business_hours.c
 *	  The smskpi.business_hours type -- a weekly working-hours schedule in a
 *	  named time zone, with holiday dates -- and smskpi_business_usecs(), the
 *	  working time between two timestamps, exposed in SQL as
 *	  smskpi.business_time(hours, from, to) -> interval.
 *
 *	  Definition (doc/business_hours.md): working time is the length of the
 *	  part of [from, to) that lies in the union of the intervals
 *	  [(d + start) AT TIME ZONE zone, (d + end) AT TIME ZONE zone) over every
 *	  local date d that is not a holiday and every interval of d's weekday.
 *	  "AT TIME ZONE" is reproduced exactly: the conversion below is
 *	  PostgreSQL's DetermineTimeZoneOffsetInternal() (datetime.c) step for
 *	  step, with the pg_next_dst_boundary() answer cached while it cannot
 *	  change, so nonexistent (spring-forward) and ambiguous (fall-back) local
 *	  times resolve exactly as PostgreSQL resolves them.
 *
 *	  Cost: O(days spanned) with a few arithmetic operations per interval,
 *	  and stretches of whole days in which the zone's UTC offset is constant
 *	  are summed in O(1) (holidays in them subtracted one by one), so a span
 *	  of years costs a few microseconds.  No palloc per call.
 *
 *	  Correctness of the union and of the O(1) stretches relies on one
 *	  property checked when a zone is first resolved: every UTC offset of the
 *	  zone (between 1800 and 2200, and at both ends of time) is less than 24
 *	  hours in absolute value, so that a local time L always maps into
 *	  (L - 1 day, L + 1 day).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "business_hours.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

/* seconds between 1970-01-01 (pg_time_t epoch) and 2000-01-01 */
#define BH_UNIX_TO_PG_SECS \
	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY)
/* days between 1970-01-01 and 2000-01-01 */
#define BH_UNIX_TO_PG_DAYS (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE)

/* holidays are restricted to years 0001 .. 9999 */
#define BH_MIN_HOLIDAY_JD	1721426		/* date2j(1, 1, 1) */
#define BH_MAX_HOLIDAY_JD	5373484		/* date2j(9999, 12, 31) */

static const char *const bh_day_abbrev[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};
static const char *const bh_day_full[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/* floor division and modulo for possibly negative numerators */
static inline int64
bh_floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static inline int
bh_weekday_unix(int64 unixday)
{
	/* 1970-01-01 was a Thursday: Monday = 0 ... Sunday = 6 */
	int64		r = (unixday + 3) % 7;

	return (int) (r < 0 ? r + 7 : r);
}

/* "HH:MM" or "HH:MM:SS" for seconds since midnight (0 .. 86400) */
static void
bh_format_time(char *buf, int32 secs)
{
	int			h = secs / 3600;
	int			m = (secs / 60) % 60;
	int			s = secs % 60;

	if (s != 0)
		sprintf(buf, "%02d:%02d:%02d", h, m, s);
	else
		sprintf(buf, "%02d:%02d", h, m);
}

/* "HH:MM-HH:MM" */
static void
bh_format_interval(char *buf, int32 start, int32 end)
{
	bh_format_time(buf, start);
	strcat(buf, "-");
	bh_format_time(buf + strlen(buf), end);
}

/* "YYYY-MM-DD" for a DateADT of years 1 .. 9999 */
static void
bh_format_date(char *buf, int32 date)
{
	int			y,
				m,
				d;

	j2date(date + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	sprintf(buf, "%04d-%02d-%02d", y, m, d);
}


/* ------------------------------------------------------------------------
 * Time zones: resolution, checks, and a small cache keyed by the name
 * ------------------------------------------------------------------------
 */

/*
 * Check that every UTC offset of tz is below 24 hours in absolute value (the
 * property the counting code relies on): walk the transitions from 1800 to
 * 2200 (later years repeat the zone's rule), and probe both ends of time.
 */
static bool
bh_zone_offsets_ok(pg_tz *tz)
{
	pg_time_t	t = INT64CONST(-5364662400);	/* 1800-01-01 */
	const pg_time_t stop = INT64CONST(7258118400);	/* 2200-01-01 */
	const pg_time_t ends[2] = {INT64CONST(-210866803200),	/* -4713-11-24 */
	INT64CONST(9224318016000)};	/* 294277-01-01 */
	long		bo,
				ao;
	int			bd,
				ad;
	pg_time_t	boundary;
	int			i;

	for (i = 0; i < 2; i++)
	{
		int			res = pg_next_dst_boundary(&ends[i], &bo, &bd, &boundary,
											   &ao, &ad, tz);

		if (res >= 0 && (bo <= -SECS_PER_DAY || bo >= SECS_PER_DAY))
			return false;
		if (res > 0 && (ao <= -SECS_PER_DAY || ao >= SECS_PER_DAY))
			return false;
	}
	for (i = 0; i < 100000; i++)
	{
		int			res = pg_next_dst_boundary(&t, &bo, &bd, &boundary,
											   &ao, &ad, tz);

		if (res < 0)
			break;
		if (bo <= -SECS_PER_DAY || bo >= SECS_PER_DAY)
			return false;
		if (res == 0)
			break;
		if (ao <= -SECS_PER_DAY || ao >= SECS_PER_DAY)
			return false;
		if (boundary <= t || boundary > stop)
			break;
		t = boundary;
	}
	return true;
}

/*
 * Resolve a zone name as SET TIME ZONE does (pg_tzset: IANA names, case
 * insensitive, or POSIX-style specifications; never an abbreviation), check
 * it, and return it.  The canonical spelling is pg_get_timezone_name(tz).
 * Zones that passed the checks are remembered, so repeated input is cheap.
 */
static pg_tz *
bh_zone_resolve(const char *name)
{
	static pg_tz *checked[16];
	static int	nchecked = 0;
	static int	nchecked_next = 0;
	pg_tz	   *tz;
	int			i;

	if (name[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("business_hours needs a time zone"),
				 errhint("Start the value with a time zone name, e.g. \"America/New_York; mon-fri 09:00-17:00\".")));
	if (strlen(name) > TZ_STRLEN_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone name \"%.40s...\" is too long", name)));
	tz = pg_tzset(name);
	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", name),
				 errhint("Use a full IANA zone name such as \"Europe/Paris\", as in SET TIME ZONE.")));
	if (!pg_tz_acceptable(tz))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" appears to use leap seconds", name),
				 errdetail("PostgreSQL does not support leap seconds.")));
	for (i = 0; i < nchecked; i++)
		if (checked[i] == tz)
			return tz;
	if (!bh_zone_offsets_ok(tz))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" has a UTC offset of 24 hours or more", name),
				 errdetail("business_hours supports zones whose UTC offsets are below 24 hours.")));
	if (strlen(pg_get_timezone_name(tz)) > TZ_STRLEN_MAX)
		elog(ERROR, "time zone name too long");
	/* remember zones that passed (pg_tz structs live as long as the backend) */
	checked[nchecked_next] = tz;
	nchecked_next = (nchecked_next + 1) % lengthof(checked);
	if (nchecked < lengthof(checked))
		nchecked++;
	return tz;
}

#define BH_ZONE_CACHE_SIZE 8

typedef struct BhZoneCacheEntry
{
	pg_tz	   *tz;
	char		name[TZ_STRLEN_MAX + 1];
} BhZoneCacheEntry;

/*
 * Canonical name -> checked pg_tz.  pg_tzset()'s own cache keeps pg_tz
 * structs for the life of the backend, so the pointers stay valid.
 */
static BhZoneCacheEntry bh_zone_cache[BH_ZONE_CACHE_SIZE];
static int	bh_zone_cache_used = 0;
static int	bh_zone_cache_last = 0;
static int	bh_zone_cache_victim = 0;

/*
 * The checked zone for a canonical name stored in a value (errors if the
 * zone is unknown, unacceptable, or the name is not the canonical spelling).
 */
static pg_tz *
bh_zone_lookup(const char *name)
{
	pg_tz	   *tz;
	BhZoneCacheEntry *e;
	int			i;

	if (bh_zone_cache_used > 0 &&
		strcmp(bh_zone_cache[bh_zone_cache_last].name, name) == 0)
		return bh_zone_cache[bh_zone_cache_last].tz;
	for (i = 0; i < bh_zone_cache_used; i++)
	{
		if (strcmp(bh_zone_cache[i].name, name) == 0)
		{
			bh_zone_cache_last = i;
			return bh_zone_cache[i].tz;
		}
	}

	tz = bh_zone_resolve(name);
	if (strcmp(pg_get_timezone_name(tz), name) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid business_hours value"),
				 errdetail("Time zone name \"%s\" is not in canonical form \"%s\".",
						   name, pg_get_timezone_name(tz))));

	if (bh_zone_cache_used < BH_ZONE_CACHE_SIZE)
		i = bh_zone_cache_used++;
	else
	{
		i = bh_zone_cache_victim;
		bh_zone_cache_victim = (bh_zone_cache_victim + 1) % BH_ZONE_CACHE_SIZE;
	}
	e = &bh_zone_cache[i];
	e->tz = tz;
	strlcpy(e->name, name, sizeof(e->name));
	bh_zone_cache_last = i;
	return tz;
}


/* ------------------------------------------------------------------------
 * Building and validating values
 * ------------------------------------------------------------------------
 */

/* A schedule being built (from text, binary, or the constructor). */
typedef struct BhBuild
{
	char		tzname[TZ_STRLEN_MAX + 1];	/* canonical */
	int			nivl[7];
	int32		ivl[7][BH_MAX_INTERVALS_PER_DAY][2];
	int32	   *holidays;		/* DateADT */
	int			nholiday;
	int			holcap;
} BhBuild;

static BhBuild *
bh_build_new(void)
{
	BhBuild    *b = palloc0(sizeof(BhBuild));

	b->holcap = 16;
	b->holidays = palloc(b->holcap * sizeof(int32));
	return b;
}

static void
bh_build_add_holiday(BhBuild *b, int32 date)
{
	if (b->nholiday >= b->holcap)
	{
		if (b->holcap >= (int) (MaxAllocSize / sizeof(int32) / 2))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many business_hours holidays")));
		b->holcap *= 2;
		b->holidays = repalloc(b->holidays, b->holcap * sizeof(int32));
	}
	b->holidays[b->nholiday++] = date;
}

/*
 * Check one weekday's interval list: each interval 0 <= start < end <= 24:00
 * and the list ascending without overlaps or touching intervals.
 * Errors name the interval(s).
 */
static void
bh_check_day(int day, const int32 (*ivl)[2], int n, int errc)
{
	char		a[32],
				c[32];
	int			i;

	if (n > BH_MAX_INTERVALS_PER_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many business_hours intervals on %s", bh_day_abbrev[day]),
				 errdetail("At most %d intervals per weekday are allowed.",
						   BH_MAX_INTERVALS_PER_DAY)));
	for (i = 0; i < n; i++)
	{
		int32		s = ivl[i][0],
					e = ivl[i][1];

		if (s < 0 || s > SECS_PER_DAY || e < 0 || e > SECS_PER_DAY)
			ereport(ERROR,
					(errcode(errc),
					 errmsg("business_hours interval on %s is outside 00:00-24:00",
							bh_day_abbrev[day]),
					 errdetail("Interval is (%d, %d) seconds.", s, e)));
		if (s >= e)
		{
			bh_format_interval(a, s, e);
			ereport(ERROR,
					(errcode(errc),
					 errmsg("business_hours interval \"%s\" on %s does not end after it starts",
							a, bh_day_abbrev[day]),
					 errhint("Intervals lie within one local day; write an overnight shift as two intervals, e.g. \"mon 22:00-24:00; tue 00:00-06:00\".")));
		}
		if (i > 0)
		{
			int32		ps = ivl[i - 1][0],
						pe = ivl[i - 1][1];

			bh_format_interval(a, ps, pe);
			bh_format_interval(c, s, e);
			if (s < ps)
				ereport(ERROR,
						(errcode(errc),
						 errmsg("business_hours intervals on %s are not in ascending order",
								bh_day_abbrev[day]),
						 errdetail("\"%s\" comes after \"%s\".", c, a)));
			if (s < pe)
				ereport(ERROR,
						(errcode(errc),
						 errmsg("business_hours intervals \"%s\" and \"%s\" on %s overlap",
								a, c, bh_day_abbrev[day])));
			if (s == pe)
				ereport(ERROR,
						(errcode(errc),
						 errmsg("business_hours intervals \"%s\" and \"%s\" on %s touch",
								a, c, bh_day_abbrev[day]),
						 errhint("Merge them into one interval.")));
		}
	}
}

static void
bh_check_holiday(int32 date, int errc)
{
	int64		jd = (int64) date + POSTGRES_EPOCH_JDATE;

	if (jd < BH_MIN_HOLIDAY_JD || jd > BH_MAX_HOLIDAY_JD)
		ereport(ERROR,
				(errcode(errc),
				 errmsg("business_hours holiday is out of range"),
				 errdetail("Holidays must lie in years 0001 to 9999.")));
}

static int
bh_cmp_int32(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/*
 * Flatten a BhBuild into a palloc'd value.  If sort_holidays, holidays are
 * sorted and duplicates removed; otherwise they must already be strictly
 * increasing (binary input).  Intervals are checked (errc for their errors).
 */
static BusinessHours *
bh_build_finish(BhBuild *b, bool sort_holidays, int errc)
{
	BusinessHours *bh;
	Size		size;
	int			ninterval = 0;
	int			tzlen = strlen(b->tzname);
	int32	   *p;
	int			d,
				i,
				nh;

	for (d = 0; d < 7; d++)
	{
		bh_check_day(d, (const int32 (*)[2]) b->ivl[d], b->nivl[d], errc);
		ninterval += b->nivl[d];
	}
	for (i = 0; i < b->nholiday; i++)
		bh_check_holiday(b->holidays[i], errc);
	nh = b->nholiday;
	if (sort_holidays && nh > 1)
	{
		int			j = 0;

		qsort(b->holidays, nh, sizeof(int32), bh_cmp_int32);
		for (i = 1; i < nh; i++)
			if (b->holidays[i] != b->holidays[j])
				b->holidays[++j] = b->holidays[i];
		nh = j + 1;
	}
	for (i = 1; i < nh; i++)
	{
		if (b->holidays[i] <= b->holidays[i - 1])
		{
			char		x[16];

			bh_format_date(x, b->holidays[i]);
			ereport(ERROR,
					(errcode(errc),
					 errmsg("business_hours holidays are not strictly increasing"),
					 errdetail("Holiday %s comes after an equal or later date.", x)));
		}
	}
	Assert(tzlen >= 1 && tzlen <= TZ_STRLEN_MAX);

	size = sizeof(BusinessHours) + 2 * sizeof(int32) * ninterval +
		sizeof(int32) * (Size) nh + tzlen + 1;
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("business_hours value is too large")));
	bh = palloc0(size);
	SET_VARSIZE(bh, size);
	bh->version = BH_VERSION;
	bh->tzlen = (uint8) tzlen;
	bh->ninterval = (uint16) ninterval;
	bh->nholiday = nh;
	p = (int32 *) BH_INTERVALS(bh);
	bh->daystart[0] = 0;
	for (d = 0; d < 7; d++)
	{
		for (i = 0; i < b->nivl[d]; i++)
		{
			*p++ = b->ivl[d][i][0];
			*p++ = b->ivl[d][i][1];
		}
		bh->daystart[d + 1] = bh->daystart[d] + b->nivl[d];
	}
	memcpy(p, b->holidays, sizeof(int32) * nh);
	memcpy((char *) BH_TZNAME(bh), b->tzname, tzlen + 1);
	/* cheap self-check: what we build is what validate() accepts */
	smskpi_business_hours_validate(bh, size);
	return bh;
}

static void
bh_build_set_zone(BhBuild *b, const char *name)
{
	pg_tz	   *tz = bh_zone_resolve(name);

	strlcpy(b->tzname, pg_get_timezone_name(tz), sizeof(b->tzname));
}

#define BH_CORRUPT(...) \
	ereport(ERROR, \
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION), \
			 errmsg("invalid business_hours value"), \
			 errdetail(__VA_ARGS__)))

void
smskpi_business_hours_validate(const BusinessHours *bh, Size size)
{
	const int32 *ivl;
	const int32 *hol;
	const char *name;
	Size		expect;
	int			d,
				i;

	if (bh == NULL || size < sizeof(BusinessHours))
		BH_CORRUPT("Value of %zu bytes is shorter than the %zu-byte header.",
				   size, sizeof(BusinessHours));
	if (VARATT_IS_EXTENDED(bh) || VARSIZE(bh) != size)
		BH_CORRUPT("Varlena header does not give the size %zu.", size);
	if (bh->version != BH_VERSION)
		BH_CORRUPT("Unknown layout version %d.", (int) bh->version);
	if (bh->tzlen == 0)
		BH_CORRUPT("Time zone name is empty.");
	if (bh->nholiday < 0)
		BH_CORRUPT("Negative holiday count.");
	if (bh->daystart[0] != 0 || bh->daystart[7] != bh->ninterval)
		BH_CORRUPT("Weekday index does not cover the %d intervals.",
				   (int) bh->ninterval);
	for (d = 0; d < 7; d++)
		if (bh->daystart[d + 1] < bh->daystart[d] ||
			bh->daystart[d + 1] - bh->daystart[d] > BH_MAX_INTERVALS_PER_DAY)
			BH_CORRUPT("Bad interval count for %s.", bh_day_abbrev[d]);
	expect = sizeof(BusinessHours) + 2 * sizeof(int32) * (Size) bh->ninterval +
		sizeof(int32) * (Size) bh->nholiday + bh->tzlen + 1;
	if (expect != size)
		BH_CORRUPT("Size %zu does not match its contents (%zu bytes).", size, expect);

	ivl = BH_INTERVALS(bh);
	for (d = 0; d < 7; d++)
		bh_check_day(d, (const int32 (*)[2]) (ivl + 2 * bh->daystart[d]),
					 bh->daystart[d + 1] - bh->daystart[d],
					 ERRCODE_INVALID_BINARY_REPRESENTATION);
	hol = BH_HOLIDAYS(bh);
	for (i = 0; i < bh->nholiday; i++)
	{
		bh_check_holiday(hol[i], ERRCODE_INVALID_BINARY_REPRESENTATION);
		if (i > 0 && hol[i] <= hol[i - 1])
			BH_CORRUPT("Holidays are not strictly increasing.");
	}
	name = BH_TZNAME(bh);
	if (name[bh->tzlen] != '\0' || strlen(name) != bh->tzlen)
		BH_CORRUPT("Time zone name is not a NUL-terminated string of %d bytes.",
				   (int) bh->tzlen);
	(void) bh_zone_lookup(name);
}


/* ------------------------------------------------------------------------
 * Text input
 * ------------------------------------------------------------------------
 */

#define BH_SYNTAX_ERROR(input, ...) \
	ereport(ERROR, \
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION), \
			 errmsg("invalid input syntax for type %s: \"%s\"", \
					"business_hours", input), \
			 errdetail(__VA_ARGS__)))

static inline bool
bh_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* weekday (0 = mon) for s[0..len), or -1 */
static int
bh_parse_dayname(const char *s, int len)
{
	int			d;

	for (d = 0; d < 7; d++)
	{
		if ((len == 3 && pg_strncasecmp(s, bh_day_abbrev[d], 3) == 0) ||
			(len == (int) strlen(bh_day_full[d]) &&
			 pg_strncasecmp(s, bh_day_full[d], len) == 0))
			return d;
	}
	return -1;
}

/*
 * Parse a day list "mon-fri,sun" in s[0..len) into days[7] (true = listed).
 * Returns false on a syntax error.
 */
static bool
bh_parse_days(const char *s, int len, bool *days)
{
	int			pos = 0;

	memset(days, 0, 7 * sizeof(bool));
	for (;;)
	{
		int			st = pos,
					d1,
					d2;

		while (pos < len && s[pos] != ',' && s[pos] != '-')
			pos++;
		d1 = bh_parse_dayname(s + st, pos - st);
		if (d1 < 0)
			return false;
		d2 = d1;
		if (pos < len && s[pos] == '-')
		{
			st = ++pos;
			while (pos < len && s[pos] != ',' && s[pos] != '-')
				pos++;
			d2 = bh_parse_dayname(s + st, pos - st);
			if (d2 < 0 || (pos < len && s[pos] == '-'))
				return false;
		}
		for (;;)
		{
			days[d1] = true;
			if (d1 == d2)
				break;
			d1 = (d1 + 1) % 7;
		}
		if (pos >= len)
			return true;
		pos++;					/* skip ',' */
		if (pos >= len)
			return false;
	}
}

/* parse 1-2 digits; returns number of chars used or 0 */
static int
bh_parse_2digits(const char *s, int len, int exact, int *val)
{
	int			n = 0,
				v = 0;

	while (n < len && n < 2 && s[n] >= '0' && s[n] <= '9')
	{
		v = v * 10 + (s[n] - '0');
		n++;
	}
	if (n == 0 || (exact && n != exact))
		return 0;
	*val = v;
	return n;
}

/* "H:MM", "HH:MM" or "HH:MM:SS" at s[0..len) -> seconds; -1 on error */
static int32
bh_parse_time(const char *s, int len)
{
	int			h,
				m,
				sec = 0,
				n,
				pos = 0;

	n = bh_parse_2digits(s, len, 0, &h);
	if (n == 0)
		return -1;
	pos += n;
	if (pos >= len || s[pos] != ':')
		return -1;
	pos++;
	n = bh_parse_2digits(s + pos, len - pos, 2, &m);
	if (n == 0)
		return -1;
	pos += n;
	if (pos < len)
	{
		if (s[pos] != ':')
			return -1;
		pos++;
		n = bh_parse_2digits(s + pos, len - pos, 2, &sec);
		if (n == 0)
			return -1;
		pos += n;
	}
	if (pos != len || m > 59 || sec > 59 || h > 24 ||
		(h == 24 && (m != 0 || sec != 0)))
		return -1;
	return h * 3600 + m * 60 + sec;
}

/* "YYYY-MM-DD" at s[0..len) -> DateADT; false if not that shape */
static bool
bh_parse_date(const char *input, const char *s, int len, int32 *date)
{
	int			y = 0,
				m,
				d,
				i;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
			return false;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
		d > day_tab[isleap(y)][m - 1])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("business_hours holiday \"%.*s\" is not a valid date", len, s),
				 errdetail("Holidays are written YYYY-MM-DD, years 0001 to 9999.")));
	*date = date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
	return true;
}

/* parse the clauses after the zone: s is NUL-terminated (the input) */
static void
bh_parse_clauses(BhBuild *b, const char *input, const char *s, bool allow_holidays)
{
	bool		seen[7] = {false, false, false, false, false, false, false};

	while (*s)
	{
		const char *end = strchr(s, ';');
		const char *tok;
		int			len,
					toklen;
		bool		days[7];
		int32		ivl[BH_MAX_INTERVALS_PER_DAY][2];
		int			n = 0,
					d;

		if (end == NULL)
			end = s + strlen(s);
		while (s < end && bh_isspace(*s))
			s++;
		len = end - s;
		while (len > 0 && bh_isspace(s[len - 1]))
			len--;
		if (len == 0)
			BH_SYNTAX_ERROR(input, "Empty clause between semicolons.");

		/* first word */
		tok = s;
		toklen = 0;
		while (toklen < len && !bh_isspace(tok[toklen]))
			toklen++;

		if (toklen == 8 && pg_strncasecmp(tok, "holidays", 8) == 0)
		{
			const char *p = tok + toklen;
			const char *stop = s + len;

			if (!allow_holidays)
				BH_SYNTAX_ERROR(input, "Give holidays in the holidays argument, not in the weekly schedule.");
			for (;;)
			{
				int32		date;
				int			dl = 0;

				while (p < stop && (bh_isspace(*p) || *p == ','))
					p++;
				if (p >= stop)
					break;
				while (p + dl < stop && !bh_isspace(p[dl]) && p[dl] != ',')
					dl++;
				if (!bh_parse_date(input, p, dl, &date))
					BH_SYNTAX_ERROR(input, "Holiday \"%.*s\" is not a date of the form YYYY-MM-DD.",
									dl, p);
				bh_build_add_holiday(b, date);
				p += dl;
			}
		}
		else
		{
			const char *p = tok + toklen;
			const char *stop = s + len;

			if (!bh_parse_days(tok, toklen, days))
				BH_SYNTAX_ERROR(input, "\"%.*s\" is not a weekday list such as \"mon-fri\", \"sat,sun\" or \"holidays\".",
								toklen, tok);
			for (;;)
			{
				int			il = 0;
				int			dash;
				int32		st,
							en;

				while (p < stop && bh_isspace(*p))
					p++;
				if (p >= stop)
					break;
				while (p + il < stop && !bh_isspace(p[il]))
					il++;
				for (dash = 0; dash < il && p[dash] != '-'; dash++)
					;
				st = dash < il ? bh_parse_time(p, dash) : -1;
				en = dash < il ? bh_parse_time(p + dash + 1, il - dash - 1) : -1;
				if (st < 0 || en < 0)
					BH_SYNTAX_ERROR(input, "\"%.*s\" is not a time interval such as \"08:00-12:30\" (times HH:MM or HH:MM:SS, 00:00 to 24:00).",
									il, p);
				if (n >= BH_MAX_INTERVALS_PER_DAY)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("too many business_hours intervals in clause \"%.*s\"",
									toklen, tok),
							 errdetail("At most %d intervals per weekday are allowed.",
									   BH_MAX_INTERVALS_PER_DAY)));
				ivl[n][0] = st;
				ivl[n][1] = en;
				n++;
				p += il;
			}
			if (n == 0)
				BH_SYNTAX_ERROR(input, "Weekday list \"%.*s\" has no time interval.",
								toklen, tok);
			for (d = 0; d < 7; d++)
			{
				if (!days[d])
					continue;
				if (seen[d])
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("weekday %s appears in more than one business_hours clause",
									bh_day_abbrev[d]),
							 errhint("List all intervals of a weekday in one clause, e.g. \"mon 08:00-12:00 13:00-17:00\".")));
				seen[d] = true;
				memcpy(b->ivl[d], ivl, n * sizeof(ivl[0]));
				b->nivl[d] = n;
				bh_check_day(d, (const int32 (*)[2]) b->ivl[d], n,
							 ERRCODE_INVALID_PARAMETER_VALUE);
			}
		}
		s = *end ? end + 1 : end;
		if (*end == ';' && *s == '\0')
			BH_SYNTAX_ERROR(input, "Trailing semicolon.");
	}
}

static BusinessHours *
bh_from_cstring(const char *str)
{
	BhBuild    *b = bh_build_new();
	const char *semi = strchr(str, ';');
	const char *zs = str;
	int			zlen;
	char		zone[TZ_STRLEN_MAX + 1];

	zlen = semi ? semi - str : strlen(str);
	while (zlen > 0 && bh_isspace(*zs))
	{
		zs++;
		zlen--;
	}
	while (zlen > 0 && bh_isspace(zs[zlen - 1]))
		zlen--;
	if (zlen == 0)
		BH_SYNTAX_ERROR(str, "The value must start with a time zone name, e.g. \"America/New_York; mon-fri 09:00-17:00\".");
	if (zlen > TZ_STRLEN_MAX)
		BH_SYNTAX_ERROR(str, "Time zone name is longer than %d bytes.", TZ_STRLEN_MAX);
	memcpy(zone, zs, zlen);
	zone[zlen] = '\0';
	bh_build_set_zone(b, zone);
	if (semi)
	{
		if (semi[1] == '\0')
			BH_SYNTAX_ERROR(str, "Trailing semicolon.");
		bh_parse_clauses(b, str, semi + 1, true);
	}
	return bh_build_finish(b, true, ERRCODE_INVALID_PARAMETER_VALUE);
}


/* ------------------------------------------------------------------------
 * Text output
 * ------------------------------------------------------------------------
 */

static bool
bh_same_day(const BusinessHours *bh, int d1, int d2)
{
	int			n1 = bh->daystart[d1 + 1] - bh->daystart[d1];
	int			n2 = bh->daystart[d2 + 1] - bh->daystart[d2];
	const int32 *ivl = BH_INTERVALS(bh);

	return n1 == n2 &&
		memcmp(ivl + 2 * bh->daystart[d1], ivl + 2 * bh->daystart[d2],
			   2 * sizeof(int32) * n1) == 0;
}

static char *
bh_to_cstring(const BusinessHours *bh)
{
	StringInfoData buf;
	bool		done[7] = {false, false, false, false, false, false, false};
	const int32 *ivl = BH_INTERVALS(bh);
	const int32 *hol = BH_HOLIDAYS(bh);
	int			d,
				i;

	initStringInfo(&buf);
	appendStringInfoString(&buf, BH_TZNAME(bh));
	for (d = 0; d < 7; d++)
	{
		bool		member[7] = {false, false, false, false, false, false, false};
		bool		first = true;
		int			e;

		if (done[d] || bh->daystart[d + 1] == bh->daystart[d])
			continue;
		for (e = d; e < 7; e++)
			if (!done[e] && bh_same_day(bh, d, e))
				member[e] = done[e] = true;
		appendStringInfoString(&buf, "; ");
		/* runs of consecutive member days: "mon-fri", single days "sun" */
		for (e = d; e < 7; e++)
		{
			int			f = e;

			if (!member[e])
				continue;
			while (f + 1 < 7 && member[f + 1])
				f++;
			if (!first)
				appendStringInfoChar(&buf, ',');
			first = false;
			appendStringInfoString(&buf, bh_day_abbrev[e]);
			if (f > e)
				appendStringInfo(&buf, "-%s", bh_day_abbrev[f]);
			e = f;
		}
		for (i = bh->daystart[d]; i < bh->daystart[d + 1]; i++)
		{
			char		x[32];

			bh_format_interval(x, ivl[2 * i], ivl[2 * i + 1]);
			appendStringInfo(&buf, " %s", x);
		}
	}
	if (bh->nholiday > 0)
	{
		appendStringInfoString(&buf, "; holidays");
		for (i = 0; i < bh->nholiday; i++)
		{
			char		x[16];

			bh_format_date(x, hol[i]);
			appendStringInfo(&buf, " %s", x);
		}
	}
	return buf.data;
}


/* ------------------------------------------------------------------------
 * Counting working time
 * ------------------------------------------------------------------------
 */

/*
 * The pg_next_dst_boundary() answer for probe times t in [lo, hi]: the
 * answer is a step function of t (it describes the next transition after t),
 * so it is the same for every t from the probe up to the boundary.
 */
typedef struct BhSeg
{
	bool		valid;
	int			res;
	pg_time_t	lo,
				hi,
				boundary;
	long		bo,
				ao;
} BhSeg;

static inline void
bh_seg_fill(BhSeg *seg, pg_time_t t, const pg_tz *tz)
{
	long		bo = 0,
				ao = 0;
	int			bd,
				ad;
	pg_time_t	boundary = 0;
	int			res;

	res = pg_next_dst_boundary(&t, &bo, &bd, &boundary, &ao, &ad, tz);
	seg->valid = true;
	seg->res = res;
	seg->lo = t;
	seg->bo = bo;
	if (res > 0)
	{
		seg->ao = ao;
		seg->boundary = boundary;
		seg->hi = boundary - 1;
	}
	else
	{
		seg->ao = bo;
		seg->boundary = 0;
		seg->hi = (res == 0) ? PG_INT64_MAX : t;
	}
}

static inline void
bh_seg_get(BhSeg *seg, pg_time_t t, const pg_tz *tz)
{
	if (!seg->valid || t < seg->lo || t > seg->hi)
		bh_seg_fill(seg, t, tz);
}

/*
 * UTC (pg_time_t) of local time L (seconds since 1970-01-01 local, taken as
 * GMT): DetermineTimeZoneOffsetInternal() of datetime.c, step for step.
 */
static inline pg_time_t
bh_local_to_utc(BhSeg *seg, pg_time_t L, const pg_tz *tz)
{
	pg_time_t	beforetime,
				aftertime;

	/* dates before Julian day 0: PostgreSQL assumes UTC */
	if (bh_floor_div(L, SECS_PER_DAY) + UNIX_EPOCH_JDATE < 0)
		return L;
	bh_seg_get(seg, L - SECS_PER_DAY, tz);
	if (seg->res < 0)
		return L;				/* PostgreSQL's "overflow": UTC */
	if (seg->res == 0)
		return L - seg->bo;
	beforetime = L - seg->bo;
	aftertime = L - seg->ao;
	if (beforetime < seg->boundary && aftertime < seg->boundary)
		return beforetime;
	if (beforetime > seg->boundary && aftertime >= seg->boundary)
		return aftertime;
	if (beforetime > aftertime)
		return beforetime;
	return aftertime;
}

/*
 * Not-yet-counted spans (microseconds), sorted, disjoint and not touching.
 * Bounded: spans older than a day are counted after each local day (see
 * smskpi_business_usecs), so at most 3 days of intervals are pending.
 */
#define BH_PENDING_MAX (4 * BH_MAX_INTERVALS_PER_DAY)

typedef struct BhPending
{
	int			n;
	int64		total;
	TimestampTz a[BH_PENDING_MAX];
	TimestampTz b[BH_PENDING_MAX];
} BhPending;

static inline void
bh_total_add(BhPending *p, int64 usecs)
{
	if (pg_add_s64_overflow(p->total, usecs, &p->total))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("interval out of range"),
				 errdetail("The business time does not fit in an interval.")));
}

/* count (and drop) the spans ending at or before upto */
static void
bh_pending_flush(BhPending *p, TimestampTz upto)
{
	int			k = 0,
				i;

	while (k < p->n && p->b[k] <= upto)
	{
		bh_total_add(p, p->b[k] - p->a[k]);
		k++;
	}
	if (k > 0)
	{
		for (i = k; i < p->n; i++)
		{
			p->a[i - k] = p->a[i];
			p->b[i - k] = p->b[i];
		}
		p->n -= k;
	}
}

/* add span [a, b) (a < b) to the union */
static void
bh_pending_add(BhPending *p, TimestampTz a, TimestampTz b)
{
	int			hi = p->n,
				lo,
				i;

	/* fast path: after everything pending */
	if (hi == 0 || a > p->b[hi - 1])
	{
		if (hi >= BH_PENDING_MAX)
			elog(ERROR, "business_hours: too many pending spans");
		p->a[hi] = a;
		p->b[hi] = b;
		p->n++;
		return;
	}
	/* spans [lo, hi) overlap or touch [a, b) */
	while (hi > 0 && p->a[hi - 1] > b)
		hi--;
	lo = hi;
	while (lo > 0 && p->b[lo - 1] >= a)
		lo--;
	if (lo == hi)
	{
		if (p->n >= BH_PENDING_MAX)
			elog(ERROR, "business_hours: too many pending spans");
		for (i = p->n; i > hi; i--)
		{
			p->a[i] = p->a[i - 1];
			p->b[i] = p->b[i - 1];
		}
		p->a[hi] = a;
		p->b[hi] = b;
		p->n++;
		return;
	}
	p->a[lo] = Min(a, p->a[lo]);
	p->b[lo] = Max(b, p->b[hi - 1]);
	for (i = hi; i < p->n; i++)
	{
		p->a[lo + 1 + i - hi] = p->a[i];
		p->b[lo + 1 + i - hi] = p->b[i];
	}
	p->n -= hi - lo - 1;
}

/* first index in the sorted holidays with holiday >= date */
static int
bh_holiday_lower_bound(const int32 *hol, int n, int64 date)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (hol[mid] < date)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* a bulk stretch is tried only when at least this many days remain */
#define BH_BULK_MIN_DAYS 16

int64
smskpi_business_usecs(const BusinessHours *bh, TimestampTz from, TimestampTz to)
{
	const int32 *ivl = BH_INTERVALS(bh);
	const int32 *hol = BH_HOLIDAYS(bh);
	const pg_tz *tz;
	BhSeg		seg;
	BhPending	pend;
	int64		from_s,
				to_s,
				from_s_ceil,
				dfirst,
				dlast,
				day,
				next_bulk_try;
	int64		daysum[7];
	bool		have_daysum = false;
	int			hidx;
	int			slowdays = 0;

	if (TIMESTAMP_NOT_FINITE(from) || TIMESTAMP_NOT_FINITE(to) ||
		!IS_VALID_TIMESTAMP(from) || !IS_VALID_TIMESTAMP(to))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("Business time is defined only between finite timestamps.")));
	if (to <= from || bh->ninterval == 0)
		return 0;
	tz = bh_zone_lookup(BH_TZNAME(bh));

	/* bounds in whole seconds since 1970 */
	from_s = bh_floor_div(from, USECS_PER_SEC) + BH_UNIX_TO_PG_SECS;
	from_s_ceil = -bh_floor_div(-from, USECS_PER_SEC) + BH_UNIX_TO_PG_SECS;
	to_s = bh_floor_div(to, USECS_PER_SEC) + BH_UNIX_TO_PG_SECS;

	/*
	 * A local time L maps into (L - 1 day, L + 1 day), so only the local
	 * days D with D*86400 in (from - 2 days, to + 1 day) can contribute.
	 */
	dfirst = bh_floor_div(from_s, SECS_PER_DAY) - 1;
	dlast = bh_floor_div(to_s, SECS_PER_DAY) + 1;

	memset(&seg, 0, sizeof(seg));
	pend.n = 0;
	pend.total = 0;
	hidx = bh_holiday_lower_bound(hol, bh->nholiday, dfirst - BH_UNIX_TO_PG_DAYS);
	next_bulk_try = dfirst;

	for (day = dfirst; day <= dlast; day++)
	{
		int			wd = bh_weekday_unix(day);
		int64		date = day - BH_UNIX_TO_PG_DAYS;
		int			i;

		/*
		 * Try to sum a stretch of whole days [day, bend) at once.  It must
		 * lie where the offset is a constant o for every local time from
		 * day - 2 to bend + 2 (so spans of earlier and later days cannot
		 * reach into it, given offsets below a day), and its image must lie
		 * inside [from, to).
		 */
		if (day >= next_bulk_try && dlast - day >= BH_BULK_MIN_DAYS &&
			day - 3 + UNIX_EPOCH_JDATE >= 0)
		{
			pg_time_t	lmax;
			int64		o,
						bend,
						lastday;

			bh_seg_get(&seg, (day - 3) * SECS_PER_DAY, tz);
			o = seg.bo;
			if (seg.res == 0)
				lmax = PG_INT64_MAX;
			else if (seg.res > 0)
				lmax = Min(seg.hi + SECS_PER_DAY,
						   seg.boundary + Min(seg.bo, seg.ao) - 1);
			else
				lmax = PG_INT64_MIN;
			/* last day of the constant run, whole: (d + 1) * 86400 <= lmax */
			lastday = (lmax == PG_INT64_MIN) ? PG_INT64_MIN :
				bh_floor_div(lmax, SECS_PER_DAY) - 1;
			bend = Min(lastday - 1, bh_floor_div(to_s + o, SECS_PER_DAY));
			bend = Min(bend, dlast);
			if (lastday != PG_INT64_MIN && day * SECS_PER_DAY - o >= from_s_ceil &&
				bend - day >= 7)
			{
				int64		n = bend - day,
							secs = 0,
							us;
				int			d;

				if (!have_daysum)
				{
					for (d = 0; d < 7; d++)
					{
						daysum[d] = 0;
						for (i = bh->daystart[d]; i < bh->daystart[d + 1]; i++)
							daysum[d] += ivl[2 * i + 1] - ivl[2 * i];
					}
					have_daysum = true;
				}
				/* everything pending ends before the stretch: count it */
				bh_pending_flush(&pend, PG_INT64_MAX);
				for (d = 0; d < 7; d++)
					secs += daysum[d];
				secs *= n / 7;
				for (d = 0; d < n % 7; d++)
					secs += daysum[(wd + d) % 7];
				while (hidx < bh->nholiday && hol[hidx] < bend - BH_UNIX_TO_PG_DAYS)
				{
					if (hol[hidx] >= date)
						secs -= daysum[bh_weekday_unix(hol[hidx] + BH_UNIX_TO_PG_DAYS)];
					hidx++;
				}
				if (pg_mul_s64_overflow(secs, USECS_PER_SEC, &us))
					ereport(ERROR,
							(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
							 errmsg("interval out of range"),
							 errdetail("The business time does not fit in an interval.")));
				bh_total_add(&pend, us);
				day = bend - 1;	/* loop increment moves to bend */
				CHECK_FOR_INTERRUPTS();
				continue;
			}
			/* not here; no use retrying before the run ends */
			next_bulk_try = (bend - day >= 7 || lastday == PG_INT64_MIN) ?
				day + 1 : Max(day + 1, lastday - 1);
		}

		while (hidx < bh->nholiday && hol[hidx] < date)
			hidx++;
		if (!(hidx < bh->nholiday && hol[hidx] == date))
		{
			for (i = bh->daystart[wd]; i < bh->daystart[wd + 1]; i++)
			{
				pg_time_t	la = day * SECS_PER_DAY + ivl[2 * i];
				pg_time_t	lb = day * SECS_PER_DAY + ivl[2 * i + 1];
				pg_time_t	ua = bh_local_to_utc(&seg, la, tz);
				pg_time_t	ub = bh_local_to_utc(&seg, lb, tz);
				TimestampTz a,
							b;

				if (ub <= from_s || ua > to_s)
					continue;	/* entirely outside [from, to) */
				/* now ua, ub are within a second of the timestamp range */
				a = (ua - BH_UNIX_TO_PG_SECS) * USECS_PER_SEC;
				b = (ub - BH_UNIX_TO_PG_SECS) * USECS_PER_SEC;
				a = Max(a, from);
				b = Min(b, to);
				if (a < b)
					bh_pending_add(&pend, a, b);
			}
		}
		/* local times still to come map after day * 86400 (UTC) */
		bh_pending_flush(&pend, (day * SECS_PER_DAY - BH_UNIX_TO_PG_SECS) * USECS_PER_SEC);
		if (++slowdays % 4096 == 0)
			CHECK_FOR_INTERRUPTS();
	}
	bh_pending_flush(&pend, PG_INT64_MAX);
	return pend.total;
}


/* ------------------------------------------------------------------------
 * SQL-callable functions
 * ------------------------------------------------------------------------
 */

/* business_hours_in(cstring) returns the schedule parsed from its text form. */
PG_FUNCTION_INFO_V1(smskpi_business_hours_in);
Datum
smskpi_business_hours_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_POINTER(bh_from_cstring(str));
}

/* business_hours_out(business_hours) returns the normalised text form. */
PG_FUNCTION_INFO_V1(smskpi_business_hours_out);
Datum
smskpi_business_hours_out(PG_FUNCTION_ARGS)
{
	BusinessHours *bh = PG_GETARG_BUSINESSHOURS_P(0);

	PG_RETURN_CSTRING(bh_to_cstring(bh));
}

/*
 * business_hours_send(business_hours) returns the binary form:
 *	 int8 version (1); int8 zone name length n; n bytes zone name;
 *	 7 x (int16 count; count x (int32 start, int32 end) seconds), Monday
 *	 first; int32 holiday count; that many int32 dates (days since
 *	 2000-01-01, as the date type sends them).
 */
PG_FUNCTION_INFO_V1(smskpi_business_hours_send);
Datum
smskpi_business_hours_send(PG_FUNCTION_ARGS)
{
	BusinessHours *bh = PG_GETARG_BUSINESSHOURS_P(0);
	const int32 *ivl = BH_INTERVALS(bh);
	const int32 *hol = BH_HOLIDAYS(bh);
	StringInfoData buf;
	int			d,
				i;

	pq_begintypsend(&buf);
	pq_sendint8(&buf, BH_VERSION);
	pq_sendint8(&buf, bh->tzlen);
	pq_sendbytes(&buf, BH_TZNAME(bh), bh->tzlen);
	for (d = 0; d < 7; d++)
	{
		pq_sendint16(&buf, bh->daystart[d + 1] - bh->daystart[d]);
		for (i = bh->daystart[d]; i < bh->daystart[d + 1]; i++)
		{
			pq_sendint32(&buf, ivl[2 * i]);
			pq_sendint32(&buf, ivl[2 * i + 1]);
		}
	}
	pq_sendint32(&buf, bh->nholiday);
	for (i = 0; i < bh->nholiday; i++)
		pq_sendint32(&buf, hol[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* business_hours_recv(internal) returns the schedule read from the binary form, validated. */
PG_FUNCTION_INFO_V1(smskpi_business_hours_recv);
Datum
smskpi_business_hours_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	BhBuild    *b = bh_build_new();
	char		zone[TZ_STRLEN_MAX + 1];
	int			version,
				zlen,
				d,
				i,
				n;

	version = pq_getmsgint(buf, 1);
	if (version != BH_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid business_hours binary format version %d", version)));
	zlen = pq_getmsgint(buf, 1);
	if (zlen == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid business_hours binary value"),
				 errdetail("Time zone name is empty.")));
	pq_copymsgbytes(buf, zone, zlen);
	zone[zlen] = '\0';
	if ((int) strlen(zone) != zlen)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid business_hours binary value"),
				 errdetail("Time zone name contains a zero byte.")));
	bh_build_set_zone(b, zone);
	for (d = 0; d < 7; d++)
	{
		n = pq_getmsgint(buf, 2);
		if (n > BH_MAX_INTERVALS_PER_DAY)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid business_hours binary value"),
					 errdetail("%d intervals on %s; at most %d are allowed.",
							   n, bh_day_abbrev[d], BH_MAX_INTERVALS_PER_DAY)));
		for (i = 0; i < n; i++)
		{
			b->ivl[d][i][0] = (int32) pq_getmsgint(buf, 4);
			b->ivl[d][i][1] = (int32) pq_getmsgint(buf, 4);
		}
		b->nivl[d] = n;
	}
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > (buf->len - buf->cursor) / 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid business_hours binary value"),
				 errdetail("Holiday count %d does not match the message length.", n)));
	for (i = 0; i < n; i++)
		bh_build_add_holiday(b, (int32) pq_getmsgint(buf, 4));
	pq_getmsgend(buf);
	PG_RETURN_POINTER(bh_build_finish(b, false, ERRCODE_INVALID_PARAMETER_VALUE));
}

/*
 * make_business_hours(zone text, weekly text, holidays date[]) returns the
 * schedule built from its parts.
 */
PG_FUNCTION_INFO_V1(smskpi_make_business_hours);
Datum
smskpi_make_business_hours(PG_FUNCTION_ARGS)
{
	text	   *zone_t = PG_GETARG_TEXT_PP(0);
	char	   *weekly = text_to_cstring(PG_GETARG_TEXT_PP(1));
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(2);
	BhBuild    *b = bh_build_new();
	char	   *zone;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems,
				i;

	if (VARSIZE_ANY_EXHDR(zone_t) > TZ_STRLEN_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone name is longer than %d bytes", TZ_STRLEN_MAX)));
	zone = text_to_cstring(zone_t);
	if (strchr(zone, ';') != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", zone)));
	bh_build_set_zone(b, zone);
	if (weekly[strspn(weekly, " \t\n\r\f\v")] != '\0')
		bh_parse_clauses(b, weekly, weekly, false);

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("holidays must be a one-dimensional array")));
	deconstruct_array(arr, DATEOID, sizeof(DateADT), true, TYPALIGN_INT,
					  &elems, &nulls, &nelems);
	for (i = 0; i < nelems; i++)
	{
		DateADT		dt;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("holidays must not contain nulls")));
		dt = DatumGetDateADT(elems[i]);
		if (DATE_NOT_FINITE(dt))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("business_hours holiday must be a finite date")));
		bh_build_add_holiday(b, dt);
	}
	PG_RETURN_POINTER(bh_build_finish(b, true, ERRCODE_INVALID_PARAMETER_VALUE));
}

/* business_time(hours, from, to) returns the working time in [from, to) as an interval (hours, minutes, seconds; no days). */
PG_FUNCTION_INFO_V1(smskpi_business_time);
Datum
smskpi_business_time(PG_FUNCTION_ARGS)
{
	BusinessHours *bh = PG_GETARG_BUSINESSHOURS_P(0);
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Interval   *result = palloc(sizeof(Interval));

	result->time = smskpi_business_usecs(bh, from, to);
	result->day = 0;
	result->month = 0;
	PG_RETURN_INTERVAL_P(result);
}

/* business_hours_eq(a, b) returns true when both are the same schedule. */
PG_FUNCTION_INFO_V1(smskpi_business_hours_eq);
Datum
smskpi_business_hours_eq(PG_FUNCTION_ARGS)
{
	BusinessHours *a = PG_GETARG_BUSINESSHOURS_P(0);
	BusinessHours *b = PG_GETARG_BUSINESSHOURS_P(1);

	/* values are canonical: same schedule <=> same bytes */
	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) &&
				   memcmp(a, b, VARSIZE(a)) == 0);
}

/* business_hours_ne(a, b) returns true when the schedules differ. */
PG_FUNCTION_INFO_V1(smskpi_business_hours_ne);
Datum
smskpi_business_hours_ne(PG_FUNCTION_ARGS)
{
	BusinessHours *a = PG_GETARG_BUSINESSHOURS_P(0);
	BusinessHours *b = PG_GETARG_BUSINESSHOURS_P(1);

	PG_RETURN_BOOL(!(VARSIZE(a) == VARSIZE(b) &&
					 memcmp(a, b, VARSIZE(a)) == 0));
}
