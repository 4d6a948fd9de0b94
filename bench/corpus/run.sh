#!/usr/bin/env bash
# Filter benchmark, side by side with ripgrep on the same machine in one run.
# usage: bench/corpus/run.sh DIR   (DIR made by generate.py)
set -euo pipefail
DIR=${1:-/tmp/tgbench}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build -c Release -v q "$ROOT/tests/Tiergate.Corpus.Tests/FilterHost" >/dev/null
HOST="$ROOT/tests/Tiergate.Corpus.Tests/FilterHost/bin/Release/net10.0/Tiergate.Corpus.FilterHost"
[ -f "$DIR/corpus.jsonl" ] || zstd -q -d -f "$DIR/corpus.jsonl.zst" -o "$DIR/corpus.jsonl"
BYTES=$(stat -c %s "$DIR/corpus.jsonl")
mbps() { python3 -c "print(f'{$BYTES/1e6/$1:.0f}')"; }
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
python3 - "$DIR/out-filter/report.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
print(f"documents {t['documentsIn']}, kept {t['kept']}, removed {t['removed']}, invalid {t['invalid']}")
PY
