/*
 * test/fuzz/shim/server/pgstub.h -- the harness side of pgstub.c, the fake
 * backend that lets whole src/ files (fmgr wrappers included) run inside a
 * libFuzzer process.
 *
 * Harnesses in "fuzz-mode: server" are compiled against PostgreSQL's real
 * server headers (so every struct, macro and inline function is the real
 * one) and linked with pgstub.c, which provides the server functions those
 * files call: palloc & co. (malloc, tracked, freed all at once by
 * stub_reset_memory(), like a memory-context reset), ereport/elog (an ERROR
 * longjmps to the harness, which checks its SQLSTATE), StringInfo,
 * pq_getmsg and pq_send functions, hex_decode/hex_encode, detoasting of in-memory
 * varlenas, date2j/j2date, and a few synthetic time zones for pg_tzset()
 * (see pgstub.c).  Functions a harness must not reach abort().
 *
 * Usage:
 *
 *		if (STUB_TRY())
 *		{
 *			... call the code under test ...
 *			STUB_END_TRY();
 *		}
 *		else
 *			stub_check_error();		   (aborts unless a clean user error)
 *		stub_reset_memory();
 */
#ifndef SMSKPI_FUZZ_PGSTUB_H
#define SMSKPI_FUZZ_PGSTUB_H

#include <setjmp.h>

extern sigjmp_buf stub_error_jmp;
extern int	stub_in_try;

/* the last error: SQLSTATE (5 chars + NUL), message, source location */
extern char stub_sqlstate[6];
extern char stub_errmsg[512];
extern const char *stub_errfile;
extern int	stub_errline;
extern long stub_nerrors;

#define STUB_TRY()		(stub_in_try = 1, sigsetjmp(stub_error_jmp, 0) == 0)
#define STUB_END_TRY()	(stub_in_try = 0)

/*
 * After a longjmp: abort (so libFuzzer reports the input) unless the error
 * is a clean user error: SQLSTATE class 22 (data exception), 08P01
 * (protocol violation: short binary data) or 54000 (program limit).
 * XX000 (elog, a can't-happen error) counts as a bug.
 */
extern void stub_check_error(void);

/* is the last error's SQLSTATE in this class ("22") or equal to it ("22P02")? */
extern int	stub_error_is(const char *prefix);

/* free everything palloc'd since the last reset */
extern void stub_reset_memory(void);

/* number of live palloc chunks and their bytes */
extern long stub_live_chunks(void);

/* a palloc'd varlena with a 4-byte header holding a copy of data[0..len) */
extern struct varlena *stub_varlena(const void *data, size_t len);

#endif
