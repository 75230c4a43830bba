#!/usr/bin/env bash
# Debian packages the test suite needs beyond npm: Chinese OCR data (tesseract-ocr-chi-sim), a
# CJK font to draw the scanned Chinese fixture (fonts-wqy-microhei, ~1.6 MB each), and GNU
# parallel for the README's sharding recipe (test/e2e/batch.test.ts). Installed when
# missing (as root, with apt-get); a no-op when present. Run by `npm test` (pretest) and .ci/run.
set -euo pipefail
DEBIAN_PACKAGES=(tesseract-ocr-chi-sim fonts-wqy-microhei parallel)
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$package")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "the tests need the Debian packages ${missing[*]}: install them with 'sudo apt-get install ${missing[*]}'" >&2
  exit 1
fi
echo "installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
