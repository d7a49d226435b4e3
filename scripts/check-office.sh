#!/usr/bin/env bash
# Open the DOCX and XLSX exports in LibreOffice (headless) and check what it reads.
#
#   scripts/check-office.sh            # skips (exit 0) when LibreOffice is missing
#   scripts/check-office.sh --require  # fails when LibreOffice is missing
#
# Install LibreOffice on Debian/Ubuntu with:
#   apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito
# (pdftotext from poppler-utils reads the PDF back; Carlito is Calibri's
# metric twin, so LibreOffice lays the protocol out as Word would.)
#
# Two workshops are exported: the bundled demo (its title and goals must come
# through) and a fixture with hostile text (formulas, markup, quotes, emoji)
# that must come through as text: LibreOffice must not evaluate "=1+1".
set -euo pipefail
cd "$(dirname "$0")/.."

require=0
[[ "${1:-}" == "--require" ]] && require=1
SOFFICE="${SOFFICE:-$(command -v soffice || command -v libreoffice || true)}"
if [[ -z "$SOFFICE" ]]; then
    echo "SKIP: LibreOffice not found. Install: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui"
    exit $(( require ? 1 : 0 ))
fi

if [[ -z "${MALVERKSTAD_BIN:-}" ]]; then
    cargo build --quiet --bin malverkstad
    MALVERKSTAD_BIN="${CARGO_TARGET_DIR:-target}/debug/malverkstad"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private LibreOffice profile: no clash with a running instance, no first-run dialogs.
lo() { "$SOFFICE" -env:UserInstallation="file://$work/profile" --headless --norestore "$@" >/dev/null 2>&1; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

# expect FILE TEXT: TEXT occurs in FILE (as a fixed string).
expect() { if grep -qF -- "$2" "$1"; then pass "$(basename "$1") has: $2"; else fail "$(basename "$1") lacks: $2"; fi; }

# The indicator table's header words, which no column may break across
# lines ("Utgångsvär|de"): each must be in the PDF's text whole, and no
# token may be a long start of one (a word cut at the cell's edge).
HEADER_WORDS=(Indikator Datakälla Utgångsvärde Målvärde Mätfrekvens Ansvarig Förslag)
no_broken_header_words() { # PDF-TEXT NAME
    local tokens="$1.tokens" broken=0 word k
    tr -s '[:space:]' '\n' <"$1" >"$tokens"
    for word in "${HEADER_WORDS[@]}"; do
        grep -qxF -- "$word" "$tokens" || { fail "$2: header word $word not found whole in the PDF"; broken=1; continue; }
        for ((k = ${#word} - 4; k < ${#word}; k++)); do
            (( k >= 5 )) || continue
            if grep -qxF -- "${word:0:k}" "$tokens"; then fail "$2: header word $word broken in the PDF (${word:0:k}…)"; broken=1; fi
        done
    done
    (( broken )) || pass "$2: no header word broken across lines in the PDF"
}

convert_and_check() { # NAME FOLDER TEXT...
    local name="$1" dir="$2"
    shift 2
    local out="$work/$name"
    mkdir -p "$out"
    "$MALVERKSTAD_BIN" --lang sv export "$dir" --format docx -o "$out/$name.docx" >/dev/null
    "$MALVERKSTAD_BIN" --lang sv export "$dir" --format xlsx -o "$out/$name.xlsx" >/dev/null
    lo --convert-to pdf --outdir "$out" "$out/$name.docx"
    lo --convert-to txt:Text --outdir "$out" "$out/$name.docx"
    lo --convert-to fodt --outdir "$out" "$out/$name.docx"
    # Every sheet to its own CSV (UTF-8, ';', all cells as shown): <name>-<Sheet>.csv
    lo --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1' \
        --outdir "$out" "$out/$name.xlsx"
    if head -c 4 "$out/$name.pdf" 2>/dev/null | grep -q '%PDF'; then pass "$name.docx converts to PDF"; else fail "$name.docx did not convert to PDF"; fi
    if command -v pdftotext >/dev/null; then pdftotext "$out/$name.pdf" "$out/$name.pdf.txt"; else fail "pdftotext not found (apt-get install poppler-utils)"; fi
    [[ -s "$out/$name.txt" ]] || fail "$name.docx did not convert to text"
    # Heading styles arrive as LibreOffice headings (the navigator and tables of contents use them).
    local h1
    h1="$(grep -o '<text:h [^>]*text:outline-level="1"' "$out/$name.fodt" 2>/dev/null | wc -l)"
    if (( h1 >= 2 )); then pass "$name.docx: $h1 level-1 headings"; else fail "$name.docx: no level-1 headings"; fi
    local ind="$out/$name-Indikatorer.csv" goals="$out/$name-Mål.csv"
    [[ -s "$ind" && -s "$goals" ]] || { fail "$name.xlsx: sheets Indikatorer and Mål not both converted ($(ls "$out"))"; return; }
    expect "$ind" "Målkod;Mål;Perspektiv;Delmål;Ägare/mottagare;Indikator;Definition"
    expect "$goals" "Målkod;Typ;Text"
    expect "$out/$name-Kvalitet.csv" "Mål;Grupp;Poäng;Bedömning"
    expect "$out/$name-Effekter och mätbarhet.csv" "Målkod;Mål;Typ;Bedömning;Text"
    # The page number (a PAGE field) in the footer.
    if grep -qF 'Sida 2' "$out/$name.pdf.txt" 2>/dev/null; then pass "$name.docx: page numbers in the footer"; else fail "$name.docx: no page number"; fi
    no_broken_header_words "$out/$name.pdf.txt" "$name.docx"
    for text in "$@"; do
        expect "$out/$name.txt" "$text"
        expect "$goals" "${text//\"/\"\"}" # CSV doubles quotes
    done
}

# 1. The demo workshop.
"$MALVERKSTAD_BIN" --dir "$work/sessions" demo --no-open >/dev/null
demo="$(find "$work/sessions" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | head -n1)"
title="$(sed -n 's/^ *title: "\(.*\)",$/\1/p' "$demo/workshop.ron" | head -n1)"
mapfile -t wordings < <(sed -n 's/.*wording: "\([^"]*\)".*/\1/p' "$demo/workshop.ron")
convert_and_check demo "$demo" "${wordings[@]}"
expect "$work/demo/demo.txt" "$title"

# 2. Hostile text: must arrive as text, never evaluated.
fx="$work/hostile"
mkdir -p "$fx/groups"
cat >"$fx/workshop.ron" <<'RON'
(
    schema: 1,
    id: "00000000-0000-7000-8000-000000000001",
    title: "Fientlig <b>text</b> & \"citat\"",
    questions: [
        (key: "effekt", kind: Text, prompt: (sv: "Effekt?", en: "Effect?"), guidance: (sv: "", en: "")),
        (key: "delmal", kind: List, prompt: (sv: "Delmål?", en: "Sub-goals?"), guidance: (sv: "", en: "")),
        (key: "indikatorer", kind: Indicators, prompt: (sv: "Indikatorer?", en: "Indicators?"), guidance: (sv: "", en: "")),
        (key: "matbarhet", kind: Verdict, prompt: (sv: "Mätbart?", en: "Evaluable?"), guidance: (sv: "", en: "")),
    ],
    goals: [(id: "00000000-0000-7000-8000-000000000101", code: Some("1"), wording: "=HYPERLINK(\"http://example.com\";\"klicka\")")],
    groups: [(id: "00000000-0000-7000-8000-000000000201", name: "Grupp <1>", slug: "grupp-1", goals: ["00000000-0000-7000-8000-000000000101"])],
)
RON
cat >"$fx/groups/grupp-1.ron" <<'RON'
(
    schema: 1,
    workshop: "00000000-0000-7000-8000-000000000001",
    group: "00000000-0000-7000-8000-000000000201",
    group_name: "Grupp <1>",
    goals: {
        "00000000-0000-7000-8000-000000000101": (answers: {
            "effekt": Text("<script>alert(1)</script> 😀"),
            "delmal": List([(id: "00000000-0000-7000-8000-000000000301", text: "+1+1", owner: "@SUM(1;2)")]),
            "indikatorer": Indicators([(
                id: "00000000-0000-7000-8000-000000000401",
                name: "=1+1",
                definition: "-2+3",
                kolada: "N15505",
                baseline: (value: "=A1", year: "2025"),
                subgoal: Some("00000000-0000-7000-8000-000000000301"),
            )]),
            "matbarhet": Verdict((verdict: Some(Partly), how: "javascript:alert(1)")),
        }),
    },
)
RON
convert_and_check hostile "$fx" "=HYPERLINK(\"http://example.com\";\"klicka\")" "+1+1" "@SUM(1;2)"
for text in "=1+1" "-2+3" "=A1" "<script>alert(1)</script> 😀" "javascript:alert(1)" "Grupp <1>"; do
    expect "$work/hostile/hostile.txt" "$text"
done
ind="$work/hostile/hostile-Indikatorer.csv"
for text in "=1+1" "-2+3" "=A1" "+1+1"; do expect "$ind" "$text"; done
if grep -qE '(^|;)"?2"?;' "$ind"; then fail "a formula was evaluated: $(cat "$ind")"; else pass "no formula evaluated"; fi

if (( failures )); then
    echo "$failures check(s) failed; files kept in a copy: $(cp -r "$work" "${TMPDIR:-/tmp}/check-office.$$" && echo "${TMPDIR:-/tmp}/check-office.$$")"
    exit 1
fi
echo "All office checks passed."
