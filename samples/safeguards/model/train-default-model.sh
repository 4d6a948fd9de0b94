#!/usr/bin/env bash
# Regenerates labeled.jsonl and trains default.tglc (the default linear model) from it.
# Same code path as `tiergate classifier train --input labeled.jsonl --text-field text --label-field label --output default.tglc`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$here"
python3 make-labeled.py
dotnet build -c Release "$root/bench/safeguards/SafeguardsPerf" -v q -nologo >/dev/null
perf="$root/bench/safeguards/SafeguardsPerf/bin/Release/net10.0/SafeguardsPerf"
"$perf" train labeled.jsonl default.tglc 20 2 3 5
"$perf" eval default.tglc labeled.jsonl
