#!/bin/sh
# README.md and the manual in doc/ are current and their links work:
#   1. README.md's reference table (between <!-- reference:begin --> and
#      <!-- reference:end -->) is what doc/reference.sh reads from the installed
#      extension's catalog: fails when a function, its arguments or its comment changed
#      and the table was not regenerated (sh doc/reference.sh), or the table was edited
#      by hand;
#   2. every relative link of README.md and doc/*.md points at a file that exists and,
#      for a .md file, at one of its headings (sh doc/check-links.sh);
#   3. the link checker fails where it must: on a scratch page with a missing file, a
#      missing anchor, an anchor of a duplicate heading that does not exist and a broken
#      link wrapped over two lines, and passes on one whose links are right (duplicate
#      headings' anchors, code in headings, directories, links in code ignored).
# Runs the three even when one fails, and fails if any did.
set -eu
cd "$(dirname "$0")/../.."
rc=0

echo "== reference table"
sh doc/reference.sh --check || rc=1

echo "== links"
sh doc/check-links.sh || rc=1

echo "== the link checker itself"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/sub"
cat > "$tmp/sub/other.md" <<'EOF'
## Other page: `f(x)` → y

### Same
### Same
EOF
cat > "$tmp/good.md" <<'EOF'
# Good

## Same heading
## Same heading

[top](#good) [second](#same-heading-1) [other](sub/other.md)
[code heading](sub/other.md#other-page-fx--y) [dup](sub/other.md#same-1) [dir](sub/)
[web](https://example.com/nowhere.md#x) `[in code](missing.md)`
A `code span over
a line break` and [a link
over two lines](sub/other.md#same).

```
[in a fence](missing.md)
```
EOF
cat > "$tmp/bad.md" <<'EOF'
# Bad

## Same
## Same

[no file](missing.md) [no anchor](sub/other.md#nowhere) [third](#same-2) and
[one over
two lines](#nowhere)
EOF
if sh doc/check-links.sh "$tmp/good.md" > "$tmp/good.out"; then
	echo "ok: correct links pass"
else
	cat "$tmp/good.out"; echo "FAILED: the link checker rejected correct links"; rc=1
fi
if sh doc/check-links.sh "$tmp/bad.md" > "$tmp/bad.out"; then
	cat "$tmp/bad.out"; echo "FAILED: the link checker passed broken links"; rc=1
elif [ "$(grep -c ': \[' "$tmp/bad.out")" -ne 4 ]; then
	cat "$tmp/bad.out"; echo "FAILED: expected exactly 4 broken links reported"; rc=1
else
	echo "ok: broken links fail (exit 1, 4 reported)"
fi
exit $rc
