/*
 * test/fuzz/shim/postgres.h -- just enough of PostgreSQL's c.h for the
 * server-independent cores of the src/ files to compile outside the server, in the
 * libFuzzer build (-DSMSKPI_FUZZ -Itest/fuzz/shim).  Code that needs more
 * (fmgr, ereport, catalogs) belongs inside #ifndef SMSKPI_FUZZ.
 */
#ifndef SMSKPI_FUZZ_SHIM_POSTGRES_H
#define SMSKPI_FUZZ_SHIM_POSTGRES_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int8_t int8;
typedef int16_t int16;
typedef int32_t int32;
typedef int64_t int64;
typedef uint8_t uint8;
typedef uint16_t uint16;
typedef uint32_t uint32;
typedef uint64_t uint64;
typedef size_t Size;

#define Assert(c)	assert(c)
#define AssertArg(c)	assert(c)
#define StaticAssertStmt(c, m)	_Static_assert(c, m)
#define lengthof(a)	(sizeof(a) / sizeof((a)[0]))
#define Max(x, y)	((x) > (y) ? (x) : (y))
#define Min(x, y)	((x) < (y) ? (x) : (y))
#define Abs(x)		((x) >= 0 ? (x) : -(x))
#define likely(x)	__builtin_expect((x) != 0, 1)
#define unlikely(x) __builtin_expect((x) != 0, 0)
#define pg_attribute_unused() __attribute__((unused))
#define PG_USED_FOR_ASSERTS_ONLY __attribute__((unused))
#define pg_noinline __attribute__((noinline))

/* memory: plain malloc; a harness frees what it gets */
#define palloc(n)		malloc(n)
#define palloc0(n)		calloc(1, (n))
#define repalloc(p, n)	realloc((p), (n))
#define pfree(p)		free(p)

/* can't-happen errors abort, so the fuzzer reports them */
#define DEBUG1 14
#define LOG 15
#define WARNING 19
#define ERROR 21
#define elog(level, ...) \
	do { if ((level) >= ERROR) { fprintf(stderr, __VA_ARGS__); abort(); } } while (0)

#define CHECK_FOR_INTERRUPTS() ((void) 0)

#endif
