#!/usr/bin/env bash
# Identity-graph measurement (issue 16): generate a seeded population with planted multi-account rings and
# realistic noise (bench/Tiergate.Bench.Identity), bulk-insert it into fresh Tiergate databases (SQLite and
# PostgreSQL: users with their encrypted email and blind index, identifiers as the graph's keyed HMACs), cluster it
# with IdentifierGraph.RebuildClustersAsync, score precision and recall of ring detection against the ground truth,
# list what the links query shows for weak-only rings, and time one account's attaches and one links query
# (providers interleaved round by round; medians and p95). Prints a small table; KEEP=report.json keeps the JSON.
# Usage: [ACCOUNTS=100000] [SEED=16] [PROVIDERS=sqlite,sqlite-normal,postgres] [ROUNDS=300] [WARMUP=40] [OUT=report.json] bench/identity/run.sh
#   sqlite         the production default: a full fsync per commit
#   sqlite-normal  storage's sqlite_full_sync: false (WAL commits survive a process crash, not a power cut)
#   postgres       a fresh database on TIERGATE_TEST_POSTGRES (scripts/lib/postgres.sh starts one, with fsync off)
#   X+index        X with a second, experimental index on identifiers (the schema has (Kind, Hash, UserId) since the first run)
set -euo pipefail
cd "$(dirname "$0")/../.."
accounts=${ACCOUNTS:-100000}
seed=${SEED:-16}
providers=${PROVIDERS:-sqlite,sqlite-normal,postgres}
rounds=${ROUNDS:-300}
warmup=${WARMUP:-40}

if [[ ",$providers," == *",postgres,"* ]]; then
  # shellcheck source=../../scripts/lib/postgres.sh
  source scripts/lib/postgres.sh
  start_postgres >&2
fi

echo "building (Release)..." >&2
dotnet build -c Release -v q --nologo bench/Tiergate.Bench.Identity >/dev/null
bench=bench/Tiergate.Bench.Identity/bin/Release/net10.0/Tiergate.Bench.Identity.dll
args=(run --accounts "$accounts" --seed "$seed" --providers "$providers" --rounds "$rounds" --warmup "$warmup")
if [ -n "${OUT:-}" ]; then
  args+=(--out "$OUT")
fi
dotnet "$bench" "${args[@]}"
