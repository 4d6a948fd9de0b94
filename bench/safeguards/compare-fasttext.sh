#!/usr/bin/env bash
# Linear classifier vs Debian fastText on SpamAssassin (spam vs ham), same deterministic 80/20 split.
# Accuracy on the test split and predict throughput on one core (test split repeated $REPEAT times).
# Usage: bench/safeguards/compare-fasttext.sh   (TIERGATE_BENCH_DIR, REPEAT to override)
source "$(dirname "$0")/common.sh"
repeat="${REPEAT:-10}"
echo "train: $(wc -l < "$work/train.jsonl") mails, test: $(wc -l < "$work/test.jsonl") mails, load: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/test.rep.ft"
for _ in $(seq "$repeat"); do cat "$work/test.ft" >> "$work/test.rep.ft"; done
head -1 "$work/test.ft" > "$work/one.ft"
predictions=$(( $(wc -l < "$work/test.ft") * repeat ))

fasttext_run() { # name, extra args
  local name=$1; shift
  taskset -c 0 fasttext supervised -input "$work/train.ft" -output "$work/$name" -thread 1 -verbose 0 "$@"
  local acc; acc=$(fasttext test "$work/$name.bin" "$work/test.ft" | awk '/^P@1/{print $2}')
  local t1 t2
  t1=$( { time taskset -c 0 fasttext predict "$work/$name.bin" "$work/one.ft" > /dev/null; } 2>&1 | cut -d' ' -f1)
  t2=$( { time taskset -c 0 fasttext predict "$work/$name.bin" "$work/test.rep.ft" > /dev/null; } 2>&1 | cut -d' ' -f1)
  echo "fastText $name ($*) | accuracy $acc | predict $(python3 -c "print(round($predictions/max(1e-9,$t2-$t1)))") mails/s (wall $t2 s minus load $t1 s)"
}
fasttext_run ft-default -epoch 10
fasttext_run ft-same -epoch 10 -lr 0.5 -wordNgrams 2 -minn 3 -maxn 5 -bucket 262144

"$perf" train "$work/train.jsonl" "$work/tg.tglc" 10 2 3 5 > "$work/tg-train.json"
acc=$(taskset -c 0 "$perf" eval "$work/tg.tglc" "$work/test.jsonl" | python3 -c "import json,sys;print(round(json.load(sys.stdin)['accuracy'],4))")
rate=$(taskset -c 0 "$perf" predict "$work/tg.tglc" "$work/test.jsonl" "$repeat" | python3 -c "import json,sys;d=json.load(sys.stdin);print(d['examplesPerSecond'], 'mails/s,', d['mbPerSecond'], 'MB/s')")
echo "Tiergate linear (epoch 10, word 1-2-grams, char 3-5-grams, 2^18 buckets) | accuracy $acc | predict $rate"
