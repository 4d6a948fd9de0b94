#!/usr/bin/env bash
# Classifier stage vs fastText predict on the same documents (first ~100 MB of a corpus), side by side.
# usage: bench/corpus/classifier.sh DIR   (DIR/synthetic made by make-corpora.sh, or a generate.py DIR)
set -euo pipefail
DIR=${1:-/tmp/tgbench}
[ -f "$DIR/synthetic/corpus.jsonl.zst" ] && DIR="$DIR/synthetic"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build -c Release -v q "$ROOT/src/Tiergate" >/dev/null
HOST="$ROOT/src/Tiergate/bin/Release/net10.0/tiergate"
export DOTNET_gcServer=0
[ -f "$DIR/corpus.jsonl" ] || zstd -q -d -f "$DIR/corpus.jsonl.zst" -o "$DIR/corpus.jsonl"
t() { local s=$(date +%s.%N); "$@" >/dev/null; python3 -c "print(f'{$(date +%s.%N)-$s:.2f}')"; }
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
