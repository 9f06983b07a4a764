/*-------------------------------------------------------------------------
 *
 * business_hours.h
 *	  The smskpi.business_hours type: a weekly working-hours schedule in a
 *	  named time zone with holiday dates, and the C API that counts the
 *	  working time between two timestamps (used by the response-time
 *	  aggregates).  See doc/business_hours.md for the exact definition.
 *
 *	  A BusinessHours value is a flat varlena with a regular 4-byte header:
 *	  no pointers, position independent, every field 4-byte aligned at most.
 *	  Code holding a MAXALIGNed copy of VARSIZE() bytes can pass a pointer to
 *	  it to every function below.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SMSKPI_BUSINESS_HOURS_H
#define SMSKPI_BUSINESS_HOURS_H

#include "fmgr.h"
#include "datatype/timestamp.h"

/* Layout version stored in every value. */
#define BH_VERSION 1

/* Limits (checked on input, recv and validate). */
#define BH_MAX_INTERVALS_PER_DAY 48
#define BH_SECS_PER_DAY 86400

/*
 * The on-disk/in-memory layout.  After the fixed header follow, 4-byte
 * aligned and without padding:
 *
 *	 int32	ivl[2 * ninterval]	(start, end) seconds since local midnight,
 *								0 <= start < end <= 86400; the intervals of
 *								weekday d (0 = Monday ... 6 = Sunday) are
 *								ivl pairs daystart[d] .. daystart[d + 1] - 1,
 *								sorted, neither overlapping nor touching
 *	 int32	holiday[nholiday]	DateADT (days since 2000-01-01), strictly
 *								increasing, years 1 .. 9999
 *	 char	tzname[tzlen + 1]	canonical zone name (pg_get_timezone_name of
 *								pg_tzset), NUL-terminated
 *
 * so VARSIZE = sizeof(BusinessHours) + 8 * ninterval + 4 * nholiday +
 * tzlen + 1 exactly.
 */
typedef struct BusinessHours
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* BH_VERSION */
	uint8		tzlen;			/* strlen(tzname), 1 .. TZ_STRLEN_MAX */
	uint16		ninterval;		/* total number of intervals */
	int32		nholiday;		/* number of holiday dates */
	uint16		daystart[8];	/* daystart[0] = 0, daystart[7] = ninterval */
} BusinessHours;

#define DatumGetBusinessHoursP(X)	((BusinessHours *) PG_DETOAST_DATUM(X))
#define PG_GETARG_BUSINESSHOURS_P(n) DatumGetBusinessHoursP(PG_GETARG_DATUM(n))

#define BH_INTERVALS(bh)	((const int32 *) ((const char *) (bh) + sizeof(BusinessHours)))
#define BH_HOLIDAYS(bh)		(BH_INTERVALS(bh) + 2 * (bh)->ninterval)
#define BH_TZNAME(bh)		((const char *) (BH_HOLIDAYS(bh) + (bh)->nholiday))

/*
 * Working microseconds in [from, to) under schedule bh: the length of the
 * part of [from, to) that lies inside the union of the schedule's
 * intervals, each interval [local date + start, local date + end) being
 * converted to timestamptz exactly like "timestamp AT TIME ZONE zone", for
 * every local date that is not a holiday.  Returns 0 when to <= from.
 * Errors (ERRCODE_DATETIME_VALUE_OUT_OF_RANGE) when from or to is infinite
 * or outside the timestamptz range, or when the result would overflow int64.
 * No palloc; O(days spanned) with whole constant-offset stretches summed in
 * O(1), so a span of years costs microseconds.
 */
extern int64 smskpi_business_usecs(const BusinessHours *bh,
								   TimestampTz from, TimestampTz to);

/*
 * Check that size bytes at bh (with the 4-byte header, VARSIZE(bh) == size)
 * are a valid business_hours value; ereport(ERROR) naming the bad part
 * otherwise.  Also resolves (and caches) the time zone.
 */
extern void smskpi_business_hours_validate(const BusinessHours *bh, Size size);

#endif							/* SMSKPI_BUSINESS_HOURS_H */
