/* test/fuzz/shim/mb/pg_wchar.h -- pg_wchar for the libFuzzer build */
#ifndef SMSKPI_FUZZ_SHIM_PG_WCHAR_H
#define SMSKPI_FUZZ_SHIM_PG_WCHAR_H
typedef unsigned int pg_wchar;
#endif
