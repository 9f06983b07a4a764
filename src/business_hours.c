/*-------------------------------------------------------------------------
 *
 * business_hours.c
 *	  The smskpi.business_hours type (weekly working hours in a time zone,
 *	  with holidays) and smskpi_business_usecs(), the working time between
 *	  two timestamps.  STUB: the real implementation follows.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "business_hours.h"

/* Stub: the real implementation follows. */
int64
smskpi_business_usecs(const BusinessHours *bh, TimestampTz from, TimestampTz to)
{
	if (to <= from)
		return 0;
	return to - from;
}

/* Stub: the real implementation follows. */
void
smskpi_business_hours_validate(const BusinessHours *bh, Size size)
{
	if (size < sizeof(BusinessHours) || VARSIZE(bh) != size)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid business_hours value")));
}
