#!/usr/bin/env bash
# Filter benchmark, side by side with ripgrep on the same machine in one run.
# usage: bench/corpus/run.sh DIR   (DIR made by generate.py)
set -euo pipefail
DIR=${1:-/tmp/tgbench}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# zstd goes through the native libzstd when present (Debian: apt-get install -y libzstd1), else the slower managed ZstdSharp.
[ -e /usr/lib/x86_64-linux-gnu/libzstd.so.1 ] || echo "warning: libzstd.so.1 not found (apt-get install -y libzstd1); tiergate falls back to managed zstd" >&2
dotnet build -c Release -v q "$ROOT/src/Tiergate" >/dev/null
HOST="$ROOT/src/Tiergate/bin/Release/net10.0/tiergate"
# Workstation GC, as the filter-only test host these figures were first measured with ran
# (the `tiergate` executable asks for server GC, which suits the gateway).
export DOTNET_gcServer=0
[ -f "$DIR/corpus.jsonl" ] || zstd -q -d -f "$DIR/corpus.jsonl.zst" -o "$DIR/corpus.jsonl"
BYTES=$(stat -c %s "$DIR/corpus.jsonl")
mbps() { python3 -c "print(f'{$BYTES/1e6/$1:.1f}')"; }
t() { local s=$(date +%s.%N); "$@" >/dev/null; python3 -c "print(f'{$(date +%s.%N)-$s:.2f}')"; }
echo "input: $BYTES bytes uncompressed ($(stat -c %s "$DIR/corpus.jsonl.zst") zstd), $(wc -l < "$DIR/terms.txt") terms, $(nproc) cores"
cat "$DIR/corpus.jsonl" > /dev/null  # warm the page cache
RG=$(t rg -c -F -i -f "$DIR/terms.txt" "$DIR/corpus.jsonl")
echo "rg -c -F -i -f terms (decompressed file):       ${RG}s  $(mbps $RG) MB/s"
rm -rf "$DIR/out-tag" "$DIR/out-filter"
TAG=$(t "$HOST" filter --input "$DIR/corpus.jsonl.zst" --output "$DIR/out-tag" --blocklist "$DIR/terms.tsv" --min-terms 2 --tag-only)
echo "tiergate scan-and-tag (zstd in, sidecar out):   ${TAG}s  $(mbps $TAG) MB/s  (rg/tiergate time ratio $(python3 -c "print(f'{$RG/$TAG:.2f}')"))"
FIL=$(t "$HOST" filter --input "$DIR/corpus.jsonl.zst" --output "$DIR/out-filter" --blocklist "$DIR/terms.tsv" --min-terms 2)
echo "tiergate filter-and-rewrite (zstd in and out):  ${FIL}s  $(mbps $FIL) MB/s"
# The ceiling for "zstd in, zstd level 3 out" here: the zstd CLI decompressing and recompressing the
# same corpus on all cores with no filtering at all, written to a file as the rewrite's outputs are.
ZP=$(t bash -c "zstd -q -d -c '$DIR/corpus.jsonl.zst' | zstd -q -3 -T$(nproc) -f -o '$DIR/zstd-pipe.zst'")
rm -f "$DIR/zstd-pipe.zst"
echo "  zstd -d | zstd -3 -T$(nproc), no filtering:       ${ZP}s  $(mbps $ZP) MB/s  (tiergate/zstd speed ratio $(python3 -c "print(f'{$ZP/$FIL:.2f}')"))"
rm -rf "$DIR/out-filter1"
FIL1=$(t "$HOST" filter --input "$DIR/corpus.jsonl.zst" --output "$DIR/out-filter1" --blocklist "$DIR/terms.tsv" --min-terms 2 --zstd-level 1)
echo "  the same with --zstd-level 1:                  ${FIL1}s  $(mbps $FIL1) MB/s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$DIR/out-filter/report.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
print(f"documents {t['documentsIn']}, kept {t['kept']}, removed {t['removed']}, invalid {t['invalid']}")
PY

# Classifier stage vs fastText predict, on the same documents (first ~100 MB of the corpus):
# every document goes through the classifier (a classifier-only stage), vs `fasttext predict`
# on the same texts, one line each. fastText is trained on the same labelled sample data.
MODEL="$ROOT/samples/safeguards/model/default.tglc"
head -c 100000000 "$DIR/corpus.jsonl" | head -n -1 > "$DIR/cls.jsonl"
python3 - "$DIR/cls.jsonl" "$DIR/cls.txt" "$ROOT/samples/safeguards/model/labeled.jsonl" "$DIR/labeled.ft" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        out.write(json.loads(line)["text"].replace("\n", " ") + "\n")
with open(sys.argv[4], "w") as out:
    for line in open(sys.argv[3]):
        d = json.loads(line)
        labels = " ".join("__label__" + l for l in d["label"]) or "__label__none"
        out.write(labels + " " + d["text"].replace("\n", " ") + "\n")
PY
CBYTES=$(stat -c %s "$DIR/cls.txt")
fasttext supervised -input "$DIR/labeled.ft" -output "$DIR/ft" -epoch 10 -wordNgrams 2 -minn 3 -maxn 5 -bucket 262144 -verbose 0
FT=$(t fasttext predict "$DIR/ft.bin" "$DIR/cls.txt")
printf 'stages:\n  - name: classifier\n    classifier: %s\n    label: bio\n    threshold: 0.5\n' "$MODEL" > "$DIR/cls-spec.yaml"
rm -rf "$DIR/out-cls"
TGC=$(t "$HOST" filter --input "$DIR/cls.jsonl" --output "$DIR/out-cls" --spec "$DIR/cls-spec.yaml" --tag-only)
echo "classifier stage on $CBYTES text bytes ($(wc -l < "$DIR/cls.txt") docs):"
echo "  fasttext predict (1 thread):          ${FT}s  $(python3 -c "print(f'{$CBYTES/1e6/$FT:.2f}')") MB/s"
echo "  tiergate classifier-only stage:       ${TGC}s  $(python3 -c "print(f'{$CBYTES/1e6/$TGC:.2f}')") MB/s (includes JSON parse, sidecar)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
