#!/usr/bin/env bash
# End-to-end gateway benchmark on loopback, in one run, against the same upstream:
#   direct     the benchmark upstream itself (no proxy)
#   yarp       a bare YARP proxy with no checks
#   tiergate   `tiergate serve` with every check on (key HMAC, grants, IP allowlist, key lifetime,
#              prompt and answer screening, rate limit and token quota, a durable audit record per
#              request: SQLite fsyncs every group commit), audit.order before_response (the default:
#              the upstream is called while the record commits, the answer waits for the commit)
#   tiergate-before-upstream  the same with audit.order: before_upstream (the commit before the upstream call)
#   tiergate-nomon   the same with no misuse detectors (monitoring.enabled: false): monitoring's cost
#   tiergate-normal  the same with --sqlite-sync normal (audit commits survive a process crash, not power loss)
#   portkey    Portkey's open-source gateway (npm @portkey-ai/gateway@1.15.2)
# Load comes from `hey`. Each target first gets WARMUP seconds (default 15) of load, so that .NET's
# tiered compilation has finished before the measured runs (with both cores busy it takes seconds).
# The gateway process's CPU time per request is reported too: it varies less than req/s on a shared VM.
# Usage: [WARMUP=15] [ROUNDS=3] [TARGETS="tiergate tiergate-nomon"] bench/gateway/run.sh [seconds-per-run] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-15}
conns=${2:-64}
warmup=${WARMUP:-15}
rounds=${ROUNDS:-3}
here=bench/gateway
work=$(mktemp -d /tmp/tiergate-bench.XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

command -v hey >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null; }
targets=(${TARGETS:-direct yarp tiergate tiergate-before-upstream tiergate-nomon tiergate-normal portkey})
wants() { [[ " ${targets[*]} " == *" $1 "* ]]; }
if wants portkey && [ ! -f "$here/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
  npm install --silent --no-audit --no-fund --prefix "$here" @portkey-ai/gateway@1.15.2 >/dev/null
fi

echo "building (Release)..."
for p in src/Tiergate bench/Tiergate.Bench.Upstream bench/Tiergate.Bench.BareYarp; do
  dotnet build -c Release -v q --nologo "$p" >/dev/null
done
tg=src/Tiergate/bin/Release/net10.0/tiergate.dll

declare -A pid
dotnet bench/Tiergate.Bench.Upstream/bin/Release/net10.0/Tiergate.Bench.Upstream.dll 9101 & pids+=($!); pid[direct]=$!
dotnet bench/Tiergate.Bench.BareYarp/bin/Release/net10.0/Tiergate.Bench.BareYarp.dll 9102 http://127.0.0.1:9101/ & pids+=($!); pid[yarp]=$!
# Each Tiergate gets its own data directory, so neither measures the other's database.
dotnet "$tg" serve --urls http://127.0.0.1:9103 --data "$work/full" --config "$here/policy.yaml" >"$work/tiergate.log" 2>&1 & pids+=($!); pid[tiergate]=$!
dotnet "$tg" serve --urls http://127.0.0.1:9104 --data "$work/normal" --config "$here/policy.yaml" --sqlite-sync normal >"$work/tiergate-normal.log" 2>&1 & pids+=($!); pid[tiergate-normal]=$!
# The same as tiergate with no detectors (monitoring.enabled: false): what misuse monitoring costs the gateway.
TIERGATE_MONITORING__ENABLED=false dotnet "$tg" serve --urls http://127.0.0.1:9105 --data "$work/nomon" --config "$here/policy.yaml" >"$work/tiergate-nomon.log" 2>&1 & pids+=($!); pid[tiergate-nomon]=$!
# The same as tiergate with the audit commit before the upstream call.
sed 's/^    auto_grant: true$/    auto_grant: true\n    audit: { order: before_upstream }/' "$here/policy.yaml" >"$work/policy-before-upstream.yaml"
grep -q 'order: before_upstream' "$work/policy-before-upstream.yaml"
dotnet "$tg" serve --urls http://127.0.0.1:9106 --data "$work/upstream" --config "$work/policy-before-upstream.yaml" >"$work/tiergate-before-upstream.log" 2>&1 & pids+=($!); pid[tiergate-before-upstream]=$!
if wants portkey; then
  node "$here/node_modules/@portkey-ai/gateway/build/start-server.js" --port 8787 >"$work/portkey.log" 2>&1 & pids+=($!); pid[portkey]=$!
fi

for url in http://127.0.0.1:9101/v1/chat/completions http://127.0.0.1:9103/healthz http://127.0.0.1:9104/healthz http://127.0.0.1:9105/healthz http://127.0.0.1:9106/healthz $(wants portkey && echo http://127.0.0.1:8787/); do
  for _ in $(seq 1 100); do curl -s -o /dev/null "$url" -X GET && break; sleep 0.2; done
done
sleep 1

newkey() { # data-dir [policy]
  local policy=${2:-$here/policy.yaml}
  dotnet "$tg" users add --email bench@example.org --data "$1" --config "$policy" >/dev/null
  dotnet "$tg" keys create --user bench@example.org --expires-days 30 --allow-ip 127.0.0.1 --json --data "$1" --config "$policy" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}
key_full=$(newkey "$work/full")
key_normal=$(newkey "$work/normal")
key_nomon=$(newkey "$work/nomon")
key_upstream=$(newkey "$work/upstream" "$work/policy-before-upstream.yaml")

body="$here/body.json"
declare -A url hdrs
url[direct]=http://127.0.0.1:9101/v1/chat/completions
url[yarp]=http://127.0.0.1:9102/v1/chat/completions
url[tiergate]=http://127.0.0.1:9103/v1/chat/completions
url[tiergate-normal]=http://127.0.0.1:9104/v1/chat/completions
url[tiergate-nomon]=http://127.0.0.1:9105/v1/chat/completions
url[tiergate-before-upstream]=http://127.0.0.1:9106/v1/chat/completions
url[portkey]=http://127.0.0.1:8787/v1/chat/completions
hdrs[direct]="-H Authorization:Bearer_x"
hdrs[yarp]="-H Authorization:Bearer_x"
hdrs[tiergate]="-H Authorization:Bearer_$key_full"
hdrs[tiergate-normal]="-H Authorization:Bearer_$key_normal"
hdrs[tiergate-nomon]="-H Authorization:Bearer_$key_nomon"
hdrs[tiergate-before-upstream]="-H Authorization:Bearer_$key_upstream"
hdrs[portkey]="-H Authorization:Bearer_x -H x-portkey-provider:openai -H x-portkey-custom-host:http://127.0.0.1:9101/v1"

load() { # name extra-hey-args...
  local name=$1; shift
  # hey takes -H "Name: value"; the table above uses '_' for the space after Bearer.
  local h=() tok
  for tok in ${hdrs[$name]}; do [ "$tok" = -H ] && continue; h+=(-H "$(echo "$tok" | sed 's/:/: /; s/Bearer_/Bearer /')"); done
  hey "$@" -m POST -T application/json -D "$body" "${h[@]}" "${url[$name]}"
}

results="$work/results.tsv"
: >"$results"
for name in "${targets[@]}"; do
  load "$name" -z "${warmup}s" -c 16 >/dev/null          # warm-up: JIT tiers, pools
done
# Rounds interleave the targets, and the report takes each figure's median over the rounds: on a
# small shared VM one run of one target can be off by 20%.
for round in $(seq 1 "$rounds"); do
  for name in "${targets[@]}"; do
    cpu0=$(awk '{print $14 + $15}' "/proc/${pid[$name]}/stat")
    load "$name" -z "${secs}s" -c "$conns" >"$work/$name.max.$round"
    cpu=$(( $(awk '{print $14 + $15}' "/proc/${pid[$name]}/stat") - cpu0 ))   # clock ticks
    load "$name" -z "${secs}s" -c 10 -q 50 >"$work/$name.500.$round"   # 10 workers x 50 req/s = 500 req/s
    python3 "$here/parse_hey.py" "$name" "$work/$name.max.$round" "$work/$name.500.$round" "$cpu" "$(getconf CLK_TCK)" >>"$results"
  done
done

python3 "$here/report.py" "$results" "$secs" "$conns"
echo "(raw hey output in $work)"
