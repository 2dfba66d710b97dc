#!/usr/bin/env bash
# Runs this tree's question sets and evaluation harness against the engine
# of another commit, for the README's comparison columns:
#   index/testdata/eval/against.sh 55addc6
# prints each set's totals (hidden sets' misses stay unlogged, as here), the
# held-out and read sets' sums and the read misses by kind, then
# how many of this tree's rules cases (index/testdata/rules.json) it fails.
# The harness (index/eval_test.go and index/index_test.go) uses a few of the
# package's internals (parse, a question's kind); a commit whose internals
# differ fails to compile the copy, and says so.
set -euo pipefail
rev=${1:?usage: against.sh COMMIT}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
tree=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -rf "$tree"' EXIT
git -C "$root" worktree add --detach -q "$tree" "$rev"
rm -rf "$tree"/index/testdata/eval "$tree"/index/testdata/notes*
cp -r "$root"/index/testdata/eval "$root"/index/testdata/notes* "$tree"/index/testdata/
cp "$root"/index/testdata/rules.json "$tree"/index/testdata/
cp "$root"/index/eval_test.go "$root"/index/index_test.go "$tree"/index/
cd "$tree"
# A harness that does not compile against that engine would count no
# misses at all: say so and stop.
if ! go test -count=1 -run '^$' ./index >"$tree/build.log" 2>&1; then
  grep -E 'undefined|cannot|not enough|too many' "$tree/build.log" | head -5 >&2
  echo "against.sh: this tree's harness does not compile against $rev's engine" >&2
  exit 1
fi
# An older engine may fall below this tree's floors: its totals still
# print, and so does the rules count below.
{ go test ./index -count=1 -run 'TestPublicEval|TestQuestionSets' -v 2>&1 || true; } |
  grep -E '^\s+eval_test.go:[0-9]+: ([a-z0-9]+|held out \([0-9]+ sets\)|read \([0-9]+ sets\)): right first|misses by kind|^(FAIL|ok)|cannot|undefined' |
  sed -E 's/^\s+eval_test.go:[0-9]+: //; s/; unasked.*//'
printf 'rules: %s of %s cases fail\n' \
  "$(go test ./index -count=1 -run 'TestRules' -v 2>&1 | grep -cE '^\s+eval_test.go:[0-9]+: line [0-9]+ ' || true)" \
  "$(grep -c '"question"' index/testdata/rules.json)"
