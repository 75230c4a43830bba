#!/usr/bin/env bash
# Converts and scores every corpus the project measures on: shared/corpus, shared/corpus-synth and
# corpus-real (when its manifest exists), into OUT/<name>/ with a score.json each.
#   bash tools/eval-all.sh OUT [--kind scanned,scanned-derived] [-- extra pdf2xlsx options]
set -uo pipefail
out=$1; shift
mkdir -p "$out"
cd "$(dirname "$0")/.."
for corpus in ../shared/corpus ../shared/corpus-synth corpus-real; do
  [[ -f $corpus/manifest.json ]] || continue
  name=$(basename "$corpus")
  node tools/run-corpus.mjs --corpus "$corpus" --out "$out/$name" "$@" > "$out/$name.txt" 2> "$out/$name.err"
  grep -E '^(kind|style|overall|wrong numbers|checks)' "$out/$name.txt" | sed "s/^/$name  /"
done
