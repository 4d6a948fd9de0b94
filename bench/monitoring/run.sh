#!/usr/bin/env bash
# Monitoring measurement: simulate a benign population with planted misuse (bench/Tiergate.Bench.Monitoring),
# replay it through the detectors (`tiergate monitor replay --json`), and score the alerts: per detector,
# recall over the planted scenarios and false alerts per 1,000 benign user-days. See bench/monitoring/README.md.
# Usage: [USERS=1000] [DAYS=30] [SEED=15] [SCENARIOS=12] [CONFIG=samples/tiergate.yaml] [KEEP=dir] [ALERTS=alerts.json] bench/monitoring/run.sh
#   KEEP    write events.jsonl, labels.json, alerts.json and score.json there (default: a temp dir, removed after)
#   ALERTS  score this alerts file instead of running the replay (it must come from the same USERS/DAYS/SEED/SCENARIOS)
set -euo pipefail
cd "$(dirname "$0")/../.."
users=${USERS:-1000}
days=${DAYS:-30}
seed=${SEED:-15}
scenarios=${SCENARIOS:-12}
config=${CONFIG:-samples/tiergate.yaml}
if [ -n "${KEEP:-}" ]; then
  work=$KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/tiergate-monitoring.XXXX)
  trap 'rm -rf "$work"' EXIT
fi

echo "building (Release)..." >&2
dotnet build -c Release -v q --nologo bench/Tiergate.Bench.Monitoring >/dev/null
bench=bench/Tiergate.Bench.Monitoring/bin/Release/net10.0/Tiergate.Bench.Monitoring.dll

dotnet "$bench" simulate --out "$work" --users "$users" --days "$days" --seed "$seed" --scenarios "$scenarios"

alerts=${ALERTS:-$work/alerts.json}
if [ -z "${ALERTS:-}" ]; then
  dotnet build -c Release -v q --nologo src/Tiergate >/dev/null
  tg=src/Tiergate/bin/Release/net10.0/tiergate.dll
  started=$(date +%s.%N)
  # Its own data directory: replay needs no database, and must not touch the default one.
  if ! dotnet "$tg" --config "$config" --data "$work/data" monitor replay "$work/events.jsonl" --json >"$alerts"; then
    echo "run.sh: 'tiergate monitor replay' failed (does this build have it?):" >&2
    head -c 2000 "$alerts" >&2
    echo >&2
    exit 1
  fi
  ended=$(date +%s.%N)
  python3 - "$alerts" "$started" "$ended" >&2 <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
secs = float(sys.argv[3]) - float(sys.argv[2])
print(f"replay: {a['events']:,} events, {len(a['alerts']):,} alerts in {secs:.1f} s ({a['events'] / secs:,.0f} events/s, process start included)")
PY
fi

dotnet "$bench" score --labels "$work/labels.json" --alerts "$alerts" --out "$work/score.json"
