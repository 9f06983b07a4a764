#!/bin/sh
# Build every libFuzzer target test/fuzz/NAME_fuzz.c into build/fuzz/NAME_fuzz,
# plus test/fuzz/*_check.c (plain programs: conformance checks).
#
#   test/fuzz/build.sh [NAME ...]      (default: all)
#
# Each harness names the server-independent src files it links in a comment
#   /* fuzz-sources: src/unicode.c src/segments.c */
# Those files are compiled with -DSMSKPI_FUZZ and test/fuzz/shim on the include
# path (a minimal postgres.h / mb/pg_wchar.h): keep fmgr wrappers and anything
# server-only inside #ifndef SMSKPI_FUZZ.  Needs clang with libFuzzer
# (Debian: clang, libclang-rt-14-dev).
set -eu
cd "$(dirname "$0")/../.."
CC=${FUZZ_CC:-clang}
out=build/fuzz
mkdir -p "$out"
FLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -DSMSKPI_FUZZ -Itest/fuzz/shim -Isrc -Wall -Wno-unused-function"

if [ $# -eq 0 ]; then
	set -- $(ls test/fuzz/*_fuzz.c test/fuzz/*_check.c 2>/dev/null | sed 's|.*/||; s|\.c$||')
fi
rc=0
for name in "$@"; do
	src=test/fuzz/$name.c
	[ -f "$src" ] || { echo "build.sh: no $src" >&2; rc=1; continue; }
	deps=$(sed -n 's|.*fuzz-sources:\([^*]*\).*|\1|p' "$src" | head -1)
	case "$name" in
	*_fuzz) extra=-fsanitize=fuzzer ;;
	*) extra= ;;
	esac
	if $CC $FLAGS $extra -o "$out/$name" "$src" $deps; then
		echo "built $out/$name"
	else
		echo "build.sh: FAILED to build $name" >&2
		rc=1
	fi
done
exit $rc
