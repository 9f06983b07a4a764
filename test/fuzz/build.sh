#!/bin/sh
# Build every libFuzzer target test/fuzz/NAME_fuzz.c into build/fuzz/NAME_fuzz,
# plus test/fuzz/*_check.c (plain programs: conformance checks).
#
#   test/fuzz/build.sh [NAME ...]      (default: all)
#
# Each harness names the src files it links in a comment
#   /* fuzz-sources: src/unicode.c src/segments.c */
# and is built in one of two modes:
#  - default: those files are compiled with -DSMSKPI_FUZZ and test/fuzz/shim on
#    the include path (a minimal postgres.h / mb/pg_wchar.h): keep fmgr wrappers
#    and anything server-only inside #ifndef SMSKPI_FUZZ.
#  - "fuzz-mode: server" in the harness: the files are compiled unchanged against
#    PostgreSQL's real server headers and linked with test/fuzz/shim/server/pgstub.c,
#    a fake backend (palloc, ereport -> longjmp to the harness, pqformat,
#    StringInfo, hex, synthetic time zones), plus libpgcommon/libpgport for
#    hash_bytes, snprintf, strlcpy, pg_strncasecmp.
# Needs clang with libFuzzer (Debian: clang, libclang-rt-14-dev).
set -eu
cd "$(dirname "$0")/../.."
CC=${FUZZ_CC:-clang}
PG_CONFIG=${PG_CONFIG:-pg_config}
out=build/fuzz
mkdir -p "$out"
BASE="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -Wall -Wno-unused-function"
SHIM="-DSMSKPI_FUZZ -Itest/fuzz/shim -Isrc"
SERVER="-Itest/fuzz/shim/server -Isrc -I$($PG_CONFIG --includedir-server) -Wno-ignored-attributes -Wno-missing-braces"
PGLIBS="$($PG_CONFIG --pkglibdir)/libpgcommon.a $($PG_CONFIG --pkglibdir)/libpgport.a"
[ -f "$($PG_CONFIG --pkglibdir)/libpgcommon.a" ] || PGLIBS="$($PG_CONFIG --libdir)/libpgcommon.a $($PG_CONFIG --libdir)/libpgport.a"

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
	if grep -q 'fuzz-mode: server' "$src"; then
		# Server functions the linked files call on paths the harness never
		# takes (tuple stores, encodings...) get generated stubs that abort.
		stubs=$out/${name}_autostubs.c
		echo '#include <stdio.h>' > "$stubs"
		echo '#include <stdlib.h>' >> "$stubs"
		cmd="$CC $BASE $SERVER $extra -o $out/$name $src $deps test/fuzz/shim/server/pgstub.c $stubs $PGLIBS -lm"
		if ! $cmd 2> "$out/$name.link.log"; then
			sed -n "s/.*undefined reference to \`\([A-Za-z_][A-Za-z0-9_]*\)'.*/\1/p" "$out/$name.link.log" | sort -u |
				while read -r sym; do
					printf 'void %s(void);\nvoid %s(void) { fprintf(stderr, "pgstub: %s reached in the fuzz build\\n"); abort(); }\n' \
						"$sym" "$sym" "$sym" >> "$stubs"
				done
		fi
	else
		cmd="$CC $BASE $SHIM $extra -o $out/$name $src $deps"
	fi
	if $cmd; then
		echo "built $out/$name"
	else
		echo "build.sh: FAILED to build $name" >&2
		rc=1
	fi
done
exit $rc
