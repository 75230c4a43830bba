#!/usr/bin/env bash
# Quick A/B: a fixed subset of scanned cases from each corpus (env passes through).
#   bash dev/eval-subset.sh OUT
out=$1; shift
cd "$(dirname "$0")/.."
node dev/run-corpus.mjs --corpus ../shared/corpus-synth --out $out/synth --only synth-s04,synth-s05,synth-s08,synth-s10,synth-s11,synth-s13,synth-s14,synth-s19,synth-s21,synth-s25,synth-s29,synth-s32,synth-s09,synth-s16 "$@" > $out/synth.txt 2>$out/synth.err
node dev/run-corpus.mjs --corpus ../shared/corpus --out $out/corpus --kind scanned "$@" > $out/corpus.txt 2>$out/corpus.err
node dev/run-corpus.mjs --corpus corpus-real --out $out/real --only $(node -e "console.log(require('./corpus-real/manifest.json').cases.map(c=>c.id).filter(i=>/^(enimg|zhimg)-0[1-9]|^(enimg|zhimg)-1[0-4]/.test(i)).join(','))") "$@" > $out/real.txt 2>$out/real.err
for f in synth corpus real; do echo "$f $(grep '^overall' $out/$f.txt)"; done
