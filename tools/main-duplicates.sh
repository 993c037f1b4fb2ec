#!/usr/bin/env bash
# Pairs of places in MAIN code (every module's src/main) that share six or more lines, as issue #15 counts them:
# copies the tracked and untracked-but-not-ignored */src/main/* files of a checkout into a temporary folder and runs
# the `duplicates` command over it (tests and docs left out). Usage: tools/main-duplicates.sh [CHECKOUT] [duplicates args]
set -euo pipefail
src=$(cd "${1:-.}" && pwd)
[ $# -gt 0 ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
{ git ls-files; git ls-files --others --exclude-standard; } | grep '/src/main/' | grep -v node_modules \
    | while read -r f; do [ -f "$f" ] && cp --parents "$f" "$tmp/"; done
duplicates --repo "$tmp" --most 200 --seconds 200 "$@" | sed "s|$tmp/||g"
