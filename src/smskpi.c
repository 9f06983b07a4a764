/*-------------------------------------------------------------------------
 *
 * smskpi.c
 *	  Module entry point of smskpi: the PG_MODULE_MAGIC block and
 *	  smskpi.version().  Each KPI lives in its own file in src/.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

PG_MODULE_MAGIC;

#ifndef SMSKPI_VERSION
#define SMSKPI_VERSION "0.2.0"
#endif

/* smskpi_version() returns the version string of the shared library. */
PG_FUNCTION_INFO_V1(smskpi_version);
Datum
smskpi_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(SMSKPI_VERSION));
}
