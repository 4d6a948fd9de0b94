#!/usr/bin/env bash
# Soak test: `tiergate serve` (durable audit, SQLite synchronous=FULL, every check on) under steady load
# at half of its measured maximum throughput, for DURATION (default 30m), with audit retention on.
# Reports: max and p50/p99/p99.9/p99.99 latency, errors (non-200 and transport), resident memory at
# start and end, and database and WAL size over time (sampled every SAMPLE seconds).
# Usage: [DURATION=30m] [CONNS=32] [RATE=req/s, default: half the measured max] [KEEP=10m] [RETENTION=on|off]
#        [SAMPLE=10] [TG_DLL=path/to/tiergate.dll, for an A/B of another build] bench/soak/run.sh
# The server's thread count is sampled every second: a stall followed by one more thread is the thread
# pool's starvation injection (docs/performance.md).
# The upstream listens on 127.0.0.1:9101 (bench/gateway/policy.yaml), so do not run it beside bench/gateway/run.sh.
# Run it on a quiet machine: other processes' CPU and fsyncs show up as latency tails.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${DURATION:-30m}
conns=${CONNS:-32}
keep=${KEEP:-10m}
sample=${SAMPLE:-10}
retention=${RETENTION:-on}
gw=bench/gateway
here=bench/soak
work=$(mktemp -d /tmp/tiergate-soak.XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

command -v hey >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null; }
echo "building (Release)..."
for p in src/Tiergate bench/Tiergate.Bench.Upstream; do
  dotnet build -c Release -v q --nologo "$p" >/dev/null
done
tg=${TG_DLL:-src/Tiergate/bin/Release/net10.0/tiergate.dll}

settings=()
if [ "$retention" = on ]; then
  printf 'audit:\n  keep: %s\n  archive_dir: %s\n  interval: 1m\n' "$keep" "$work/archives" >"$work/settings.yaml"
  settings=(--settings "$work/settings.yaml")
fi

dotnet bench/Tiergate.Bench.Upstream/bin/Release/net10.0/Tiergate.Bench.Upstream.dll 9101 >"$work/upstream.log" 2>&1 & pids+=($!)
dotnet "$tg" users add --email soak@example.org --data "$work/data" --config "$gw/policy.yaml" >/dev/null
key=$(dotnet "$tg" keys create --user soak@example.org --expires-days 30 --allow-ip 127.0.0.1 --json --data "$work/data" --config "$gw/policy.yaml" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
dotnet "$tg" serve --urls http://127.0.0.1:9122 --data "$work/data" --config "$gw/policy.yaml" "${settings[@]}" >"$work/tiergate.log" 2>&1 & pids+=($!)
server=$!
for _ in $(seq 1 150); do curl -s -o /dev/null http://127.0.0.1:9122/healthz && break; sleep 0.2; done
for _ in $(seq 1 50); do curl -s -o /dev/null http://127.0.0.1:9101/v1/chat/completions && break; sleep 0.2; done

url=http://127.0.0.1:9122/v1/chat/completions
load() { hey "$@" -m POST -T application/json -D "$gw/body.json" -H "Authorization: Bearer $key" "$url"; }

echo "warm-up 15s, then 20s at full load to measure the maximum..."
load -z 15s -c 16 >/dev/null
load -z 20s -c "$conns" >"$work/max.txt"
max=$(awk '/Requests\/sec/ {print $2}' "$work/max.txt")
rate=${RATE:-$(python3 -c "print(max(1, int(float('$max') / 2)))")}
per_worker=$(python3 -c "print(max(1, round($rate / $conns)))")
echo "max ${max} req/s; soaking at ${rate} req/s (${conns} workers x ${per_worker}/s) for ${duration}"

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
samples="$work/samples.tsv"
printf 'seconds\trss_kb\tdb_bytes\twal_bytes\tarchives_bytes\n' >"$samples"
(
  start=$(date +%s)
  while kill -0 "$server" 2>/dev/null; do
    archives=$(du -sb "$work/archives" 2>/dev/null | cut -f1 || echo 0)
    printf '%s\t%s\t%s\t%s\t%s\n' $(( $(date +%s) - start )) "$(rss)" "$(size "$work/data/tiergate.db")" "$(size "$work/data/tiergate.db-wal")" "${archives:-0}" >>"$samples"
    sleep "$sample"
  done
) & pids+=($!)

threads="$work/threads.tsv"
printf 'seconds\tthreads\n' >"$threads"
(
  start=$(date +%s.%N)
  while kill -0 "$server" 2>/dev/null; do
    printf '%.1f\t%s\n' "$(awk -v now="$(date +%s.%N)" -v start="$start" 'BEGIN {print now - start}')" "$(awk '/^Threads/ {print $2}' "/proc/$server/status")" >>"$threads"
    sleep 1
  done
) & pids+=($!)

load -z "$duration" -c "$conns" -q "$per_worker" -o csv >"$work/soak.csv"
sleep "$sample"
python3 "$here/report.py" "$work/soak.csv" "$samples" "$max" "$rate" "$duration" "$threads"
echo "audit archive records: $(grep -c 'Audit retention archived' "$work/tiergate.log" || true) rounds; server log and raw data in $work"
