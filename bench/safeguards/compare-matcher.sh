#!/usr/bin/env bash
# Matcher throughput on one core: ripgrep (rg -c -F -i -f terms) vs .NET SearchValues<string> vs Tiergate
# (normalised, whole-word and substring), 5,000 terms over the SpamAssassin mail lines.
# Usage: bench/safeguards/compare-matcher.sh   (TIERGATE_BENCH_DIR, CORPUS_MB to override)
source "$(dirname "$0")/common.sh"
size=$(stat -c %s "$work/corpus.txt")
echo "corpus: $((size / 1000000)) MB, terms: $(wc -l < "$work/terms.txt"), cpu: $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tool | matching lines | wall s | user s | MB/s (wall)"
t=$( { time taskset -c 0 rg -j1 -c -F -i -f "$work/terms.txt" "$work/corpus.txt" > "$work/rg.out"; } 2>&1 )
read -r wall user <<< "$t"
echo "ripgrep $(rg --version | head -1 | cut -d' ' -f2) | $(cat "$work/rg.out") | $wall | $user | $(python3 -c "print(round($size/1e6/$wall,1))")"
for mode in searchvalues tiergate-raw tiergate; do
  t=$( { time taskset -c 0 "$perf" count "$work/terms.txt" "$work/corpus.txt" "$mode" > "$work/$mode.json"; } 2>&1 )
  read -r wall user <<< "$t"
  lines=$(python3 -c "import json;print(json.load(open('$work/$mode.json'))['matchingLines'])")
  inner=$(python3 -c "import json;print(json.load(open('$work/$mode.json'))['mbPerSecond'])")
  echo "$mode | $lines | $wall | $user | $(python3 -c "print(round($size/1e6/$wall,1))") (scan only: $inner)"
done
