#!/usr/bin/env bash
# Regenerates data/words.tsv, data/related.tsv and data/compounds.tsv from their public sources:
# Debian's wordnet-base and scowl packages and npm's norvig-frequencies.
# Needs root (apt-get) and npm; run from anywhere: go generate ./index/lexicon
set -euo pipefail
cd "$(dirname "$0")/.."
if ! dpkg -s wordnet-base scowl >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq wordnet-base scowl
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm install --silent --no-audit --no-fund norvig-frequencies@0.0.0)
go run ./gen -wordnet /usr/share/wordnet -scowl /usr/share/dict/scowl \
  -ranks "$tmp/node_modules/norvig-frequencies/lib/data.js" -out data
