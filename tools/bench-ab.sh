#!/usr/bin/env bash
# Time per scanned page, two builds side by side: each page converted with --workers 1 by build A
# and build B in turn (rounds alternate, so machine drift weighs on both alike), medians printed.
#   [BENCH_SET=layout] bash tools/bench-ab.sh A/bin/pdf2xlsx.js B/bin/pdf2xlsx.js [rounds]
# BENCH_SET=layout: pages read by the whole-page OCR pass instead of the mostly ruled default set;
# BENCH_SET=realistic: the ten pages of the bench's realistic case.
# English pages run with --lang eng, Chinese ones with --lang chi_sim+eng; B also runs the English
# pages with the default --lang auto, to show what choosing the language costs.
# A_OPTS / B_OPTS: extra options for one build only (e.g. B_OPTS="--tessdata DIR" to compare models).
set -uo pipefail
a=$1; b=$2; rounds=${3:-3}
cd "$(dirname "$0")/.."
pages=(
  "../shared/corpus-synth/cases/synth-s01/input.pdf eng"
  "../shared/corpus-synth/cases/synth-s09/input.pdf eng"
  "../shared/corpus-synth/cases/synth-s11/input.pdf chi_sim+eng"
  "corpus-real/cases/enimg-04/input.pdf eng"
  "corpus-real/cases/enpdf-09/input.pdf eng"
  "corpus-real/cases/zhpdf-02/input.pdf chi_sim+eng"
  "corpus-real/cases/zhimg-07/input.pdf chi_sim+eng"
)
# Pages whose tables come from the whole-page OCR pass (borderless, three-line, statements).
if [[ ${BENCH_SET:-ruled} == layout ]]; then
  pages=(
    "corpus-real/cases/enimg-03/input.pdf eng"
    "corpus-real/cases/enpdf-04/input.pdf eng"
    "../shared/corpus-synth/cases/synth-s10/input.pdf eng"
    "corpus-real/cases/zhpdf-08/input.pdf chi_sim+eng"
    "corpus-real/cases/zhpdf-10/input.pdf chi_sim+eng"
    "corpus-real/cases/zhimg-04/input.pdf chi_sim+eng"
  )
fi
# The bench's realistic case (bench/bench.ts): six synthetic scans with prose, four real page images.
if [[ ${BENCH_SET:-ruled} == realistic ]]; then
  pages=(
    "../shared/corpus-synth/cases/synth-s01/input.pdf eng"
    "../shared/corpus-synth/cases/synth-s04/input.pdf eng"
    "../shared/corpus-synth/cases/synth-s05/input.pdf eng"
    "../shared/corpus-synth/cases/synth-s08/input.pdf eng"
    "../shared/corpus-synth/cases/synth-s09/input.pdf eng"
    "../shared/corpus-synth/cases/synth-s11/input.pdf chi_sim+eng"
    "corpus-real/cases/enimg-04/input.pdf eng"
    "corpus-real/cases/enpdf-09/input.pdf eng"
    "corpus-real/cases/zhpdf-02/input.pdf chi_sim+eng"
    "corpus-real/cases/zhimg-07/input.pdf chi_sim+eng"
  )
fi
out=$(mktemp -d)
time_of() { local start end; start=$(date +%s%N); node "$@" -o "$out/x.xlsx" --workers 1 -q >/dev/null 2>&1; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "%d\n", (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
printf '%-52s %8s %8s %6s %10s\n' page "A ms" "B ms" "B/A" "B auto ms"
sumA=0; sumB=0
for entry in "${pages[@]}"; do
  read -r pdf lang <<<"$entry"
  ta=(); tb=(); tc=()
  for ((r = 0; r < rounds; r++)); do
    ta+=("$(time_of "$a" "$pdf" --lang "$lang" ${A_OPTS:-})")
    tb+=("$(time_of "$b" "$pdf" --lang "$lang" ${B_OPTS:-})")
    [[ $lang == eng ]] && tc+=("$(time_of "$b" "$pdf" ${B_OPTS:-})")
  done
  ma=$(median "${ta[@]}"); mb=$(median "${tb[@]}"); mc=$([[ ${#tc[@]} -gt 0 ]] && median "${tc[@]}" || echo -)
  sumA=$((sumA + ma)); sumB=$((sumB + mb))
  printf '%-52s %8s %8s %6.2f %10s\n' "${pdf#../shared/}" "$ma" "$mb" "$(echo "$mb / $ma" | bc -l)" "$mc"
done
printf '%-52s %8s %8s %6.2f\n' "all pages (sum of medians)" "$sumA" "$sumB" "$(echo "$sumB / $sumA" | bc -l)"
rm -rf "$out"
