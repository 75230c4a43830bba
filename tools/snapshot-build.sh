#!/usr/bin/env bash
# Copies the current build (bin/, dist/, package.json) to DIR, with node_modules linked, so a long
# corpus run can go on with that build while src/ changes: tools/run-corpus.mjs --bin DIR/bin/pdf2xlsx.js
set -euo pipefail
dir=$1
cd "$(dirname "$0")/.."
rm -rf "$dir" && mkdir -p "$dir"
cp -r bin dist package.json "$dir/"
ln -s "$PWD/node_modules" "$dir/node_modules"
