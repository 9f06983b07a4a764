#!/bin/sh
# README.md is generated from doc/*.md and the installed extension's catalog
# (doc/assemble-readme.sh); fail when someone edited doc/ (or an object's
# comment) and did not regenerate it, or edited README.md by hand.
set -eu
cd "$(dirname "$0")/../.."
exec sh doc/assemble-readme.sh --check
