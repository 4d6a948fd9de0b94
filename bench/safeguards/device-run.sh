#!/usr/bin/env bash
# Runs the safeguards measurements from the bundle that device-bundle.sh made, on a quiet machine,
# each timed process pinned to one core. Prints one line per measurement.
# Usage: device-run.sh [latency] [matcher] [classifier]   (default: all three)
set -u
sections="${*:-latency matcher classifier}"
want() { [[ " $sections " == *" $1 "* ]]; }
b=bench/safeguards/SafeguardsPerf/bin/device
export LD_LIBRARY_PATH="$b/tools/lib"
perf="$b/app/SafeguardsPerf"; rg="$b/tools/rg"; ft="$b/tools/fasttext"
w=$(mktemp -d); TIMEFORMAT='%R'
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2) x $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg)"
zcat "$b/data/train.ft.gz" > "$w/train.ft"; zcat "$b/data/test.ft.gz" > "$w/test.ft"

if want latency; then
echo "== screening latency: 2 KB prompts, 5,000 terms + default linear model, 50,000 calls each"
taskset -c 3 "$perf" latency samples/safeguards 5000 50000
fi

if want matcher; then
echo "== matcher: 5,000 terms, mail text folded to <=100-char lines, ~100 MB"
sed 's/^__label__[a-z]* //' "$w/train.ft" "$w/test.ft" | fold -s -w 100 > "$w/one.txt"
for _ in 1 2 3; do cat "$w/one.txt"; done > "$w/corpus.txt"
echo "corpus bytes: $(stat -c %s "$w/corpus.txt"), lines: $(wc -l < "$w/corpus.txt")"
t=$( { time taskset -c 4 "$rg" -j1 -c -F -i -f "$b/data/terms.txt" "$w/corpus.txt" > "$w/rg.out"; } 2>&1 )
echo "ripgrep: lines $(cat "$w/rg.out") wall ${t}s"
for mode in searchvalues tiergate-raw tiergate; do
  t=$( { time taskset -c 4 "$perf" count "$b/data/terms.txt" "$w/corpus.txt" "$mode" > "$w/m.json"; } 2>&1 )
  echo "$mode: $(cat "$w/m.json") process wall ${t}s"
done
fi

want classifier || exit 0
echo "== classifier: SpamAssassin, same split and same input file for both"
head -1 "$w/test.ft" > "$w/one.ft"; for _ in $(seq 10); do cat "$w/test.ft"; done > "$w/test10.ft"
n=$(wc -l < "$w/test10.ft")
for cfg in "ft-default|-epoch 10" "ft-bigrams|-epoch 10 -wordNgrams 2 -bucket 262144" "ft-same|-epoch 10 -lr 0.5 -wordNgrams 2 -minn 3 -maxn 5 -bucket 262144"; do
  name=${cfg%%|*}; args=${cfg#*|}
  t=$( { time "$ft" supervised -input "$w/train.ft" -output "$w/$name" -thread 8 -verbose 0 $args; } 2>&1 )
  acc=$("$ft" test "$w/$name.bin" "$w/test.ft" | awk '/^P@1/{print $2}')
  t1=$( { time taskset -c 5 "$ft" predict "$w/$name.bin" "$w/one.ft" > /dev/null; } 2>&1 )
  t2=$( { time taskset -c 5 "$ft" predict "$w/$name.bin" "$w/test10.ft" > /dev/null; } 2>&1 )
  echo "fastText $name ($args): train ${t}s (8 threads), accuracy $acc, predict $n mails: ${t2}s incl. load ${t1}s -> $(awk "BEGIN{printf \"%.0f\", $n/($t2-$t1)}") mails/s"
done
for cfg in "words|10 1 0 0" "bigrams|10 2 0 0" "bigrams+char3-5|10 2 3 5"; do
  name=${cfg%%|*}; args=${cfg#*|}
  t=$( { time taskset -c 6 "$perf" train "$w/train.ft" "$w/tg.tglc" $args > "$w/train.json"; } 2>&1 )
  echo "tiergate $name (epochs wordNgrams minn maxn = $args): train ${t}s (1 thread); $(taskset -c 6 "$perf" eval "$w/tg.tglc" "$w/test.ft"); predict $(taskset -c 6 "$perf" predict "$w/tg.tglc" "$w/test.ft" 10)"
done
