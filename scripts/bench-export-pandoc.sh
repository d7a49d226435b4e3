#!/usr/bin/env bash
# The export's speed as a user compares it: the whole `malverkstad export`
# process (start, read the workshop and its merged outline, quality check,
# render, write the file) for the bench's 8-group × 50-goal workshop, against
# `pandoc` converting our own Markdown export of the same outline to the
# same format. Measured interleaved (which one runs first alternates each
# round), wall-clock medians. Goal (issue #17): each format ≤ 0.25× pandoc.
#
#   scripts/bench-export-pandoc.sh          # ROUNDS=15 by default
#   ROUNDS=31 scripts/bench-export-pandoc.sh
#
# Needs pandoc (apt-get install pandoc); skips (exit 0) without it. Builds
# the release binary and examples/export_workshop.rs first.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-15}"
command -v pandoc >/dev/null || { echo "SKIP: pandoc not found (apt-get install pandoc)"; exit 0; }
cargo build --release --quiet --bin malverkstad --example export_workshop
bin="${CARGO_TARGET_DIR:-target}/release"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dir="$("$bin/examples/export_workshop" "$work/ws")"
# The first export merges the groups' files into outline.ron; every timed
# export then reads it, as after the day.
"$bin/malverkstad" --lang sv export "$dir" --format md -o "$work/outline.md" >/dev/null 2>&1

now() { date +%s%N; }
declare -A ours theirs
for ((round = 0; round < ROUNDS; round++)); do
    for format in docx html; do
        run_ours() {
            local t0 t1
            t0=$(now)
            "$bin/malverkstad" --lang sv export "$dir" --format "$format" -o "$work/ours.$format" --force >/dev/null
            t1=$(now)
            ours[$format]+="$(( (t1 - t0) / 1000 )) "
        }
        run_theirs() {
            local t0 t1
            t0=$(now)
            pandoc --quiet -f commonmark+pipe_tables --standalone "$work/outline.md" -o "$work/pandoc.$format"
            t1=$(now)
            theirs[$format]+="$(( (t1 - t0) / 1000 )) "
        }
        if (( round % 2 )); then run_ours; run_theirs; else run_theirs; run_ours; fi
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "whole process, 8 groups × 50 goals, $ROUNDS interleaved rounds, wall-clock medians (goal: ≤ 0.25× pandoc)"
printf '%-6s %12s %12s %8s\n' format malverkstad pandoc ratio
status=0
for format in docx html; do
    a=$(echo "${ours[$format]}" | median)
    b=$(echo "${theirs[$format]}" | median)
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
    printf '%-6s %9.1f ms %9.1f ms %7sx\n' "$format" "$(awk -v a="$a" 'BEGIN{print a/1000}')" "$(awk -v b="$b" 'BEGIN{print b/1000}')" "$ratio"
    awk -v r="$ratio" 'BEGIN { exit !(r > 0.25) }' && status=1
done
exit $status
