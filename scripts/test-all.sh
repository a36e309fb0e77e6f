#!/usr/bin/env bash
# Every test pyconv has, from a fresh clone: installs what it needs (npm packages; Debian's neovim and
# chromium and code-server for the real-editor tests), builds, lints, type-checks, runs the unit and
# protocol suites, the real-editor tests, and short runs of the fix check, the fuzzer and the bench.
# Usage: npm run test:all        (root needed once, for apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output
step() { printf '\n== %s\n' "$*"; }

step "npm ci"
npm ci --no-audit --no-fund

step "editors and browser (Debian packages, code-server)"
bash scripts/install-editors.sh

step "corpus of real Python code (third-party, git-ignored)"
corpus_script=../shared/corpus/fetch.sh
have_corpus=false
if [ -f "$corpus_script" ] && bash "$corpus_script" .cache/corpus; then have_corpus=true; else echo "no corpus: the corpus checks below are skipped"; fi

step "build"
npm run build

step "lint and format (biome)"
npm run lint

step "type-check"
npm run typecheck

step "unit, rule and protocol tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json

passed=$(node -e "const r=require('./test-output/vitest.json');console.log(r.numPassedTests)")
failed=$(node -e "const r=require('./test-output/vitest.json');console.log(r.numFailedTests)")

extra() {
  local name=$1
  shift
  step "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

extra "Neovim, headless, as a real LSP client" npm run --silent test:nvim
extra "VS Code (code-server) in Chromium" npm run --silent test:vscode
if $have_corpus; then
  extra "fix check on a corpus sample" npm run --silent fixcheck -- .cache/corpus --sample 40
  extra "docstring round trip on a corpus sample" npm run --silent doccheck -- .cache/corpus --sample 40
fi
extra "fuzzing, short run" npm run --silent fuzz -- --edits 3000
extra "bench, smoke run" npm run --silent bench -- --smoke

printf '\ntests: %s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
