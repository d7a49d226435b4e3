#!/usr/bin/env bash
# Print criterion's medians of the last `cargo bench --bench export` run and
# each one's ratio to the serde_json floor measured in the same run. The bench
# itself prints interleaved medians first, which are the figures to quote;
# `full_<format>` is word lists + document model + render, `<format>` the
# render alone.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${CARGO_TARGET_DIR:-target}/criterion/export"
median() { sed -n 's/.*"median":{"confidence_interval":{[^}]*},"point_estimate":\([0-9.e+-]*\).*/\1/p' "$dir/$1/new/estimates.json"; }
floor="$(median serde_json_floor)"
printf '%-18s %12s %7s\n' bench "median (ms)" ratio
for b in serde_json_floor document md html docx xlsx csv json opml full_md full_html full_docx full_xlsx full_csv full_json full_opml; do
    [[ -f "$dir/$b/new/estimates.json" ]] || continue
    m="$(median "$b")"
    awk -v b="$b" -v m="$m" -v f="$floor" 'BEGIN { printf "%-18s %12.3f %7.2f\n", b, m / 1e6, m / f }'
done
