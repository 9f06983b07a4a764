#!/bin/sh
# Fold what a long run found back into the committed seeds, minimized:
#
#   sh test/fuzz/minimize.sh TARGET ...
#
# libFuzzer -merge=1 keeps the smallest set of inputs of test/fuzz/corpus/TARGET
# and build/fuzz/corpus-TARGET that covers every feature either reaches; that set
# replaces test/fuzz/corpus/TARGET (commit it).  Prints files and bytes before/after.
set -eu
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || { echo "usage: minimize.sh TARGET ..."; exit 2; }
for t in "$@"; do
	bin=build/fuzz/${t}_fuzz
	[ -x "$bin" ] || sh test/fuzz/build.sh "${t}_fuzz" >/dev/null
	opts=
	[ -f "test/fuzz/$t.options" ] && opts=$(cat "test/fuzz/$t.options")
	new=$(mktemp -d)
	mkdir -p "build/fuzz/corpus-$t"
	before="$(ls "test/fuzz/corpus/$t" | wc -l) files, $(cat "test/fuzz/corpus/$t"/* | wc -c) bytes"
	"$bin" -merge=1 -max_len=4096 $opts "$new" "test/fuzz/corpus/$t" "build/fuzz/corpus-$t" \
		> "build/fuzz/minimize-$t.log" 2>&1 || { echo "$t: merge failed (build/fuzz/minimize-$t.log)"; rm -rf "$new"; exit 1; }
	rm -rf "test/fuzz/corpus/$t"
	mv "$new" "test/fuzz/corpus/$t"
	chmod 755 "test/fuzz/corpus/$t"
	echo "$t: $before -> $(ls "test/fuzz/corpus/$t" | wc -l) files, $(cat "test/fuzz/corpus/$t"/* | wc -c) bytes"
done
