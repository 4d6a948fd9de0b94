#!/usr/bin/env bash
# A/B of two `tiergate` builds (or one build under two environments) on loopback, in alternating rounds,
# each in front of the same benchmark upstream: req/s at 64 connections and the gateway process's own
# CPU time per request (steadier than req/s on a shared VM). Judge the ratio over the rounds, not one round.
# Usage: A_DLL=path/tiergate.dll B_DLL=path/tiergate.dll [A_ENV="X=1 Y=2"] [B_ENV=...] [ROUNDS=4] [SECS=8] [WARM=12] bench/gateway/ab.sh
# e.g. build the base commit in a worktree (git worktree add /tmp/base <rev>; dotnet build -c Release /tmp/base/src/Tiergate).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/gateway
work=$(mktemp -d /tmp/tg-ab.XXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
command -v hey >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null; }
dotnet build -c Release -v q --nologo bench/Tiergate.Bench.Upstream >/dev/null
dotnet bench/Tiergate.Bench.Upstream/bin/Release/net10.0/Tiergate.Bench.Upstream.dll 9101 >/dev/null 2>&1 & pids+=($!)
declare -A dll port pid key envs
dll[A]=${A_DLL:?set A_DLL}; port[A]=9201; envs[A]=${A_ENV:-TIERGATE_AB=A}
dll[B]=${B_DLL:?set B_DLL}; port[B]=9202; envs[B]=${B_ENV:-TIERGATE_AB=B}
for t in A B; do
  # shellcheck disable=SC2086 # the environment list is split on purpose
  env ${envs[$t]} dotnet "${dll[$t]}" serve --urls "http://127.0.0.1:${port[$t]}" --data "$work/$t" --config "$here/policy.yaml" >"$work/$t.log" 2>&1 & pids+=($!); pid[$t]=$!
done
for t in A B; do for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:${port[$t]}/healthz" && break; sleep 0.2; done; done
for t in A B; do
  dotnet "${dll[$t]}" users add --email ab@example.org --data "$work/$t" --config "$here/policy.yaml" >/dev/null
  key[$t]=$(dotnet "${dll[$t]}" keys create --user ab@example.org --expires-days 30 --allow-ip 127.0.0.1 --json --data "$work/$t" --config "$here/policy.yaml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
done
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
run() { hey -z "${2}s" -c 64 -m POST -T application/json -D "$here/body.json" -H "Authorization: Bearer ${key[$1]}" "http://127.0.0.1:${port[$1]}/v1/chat/completions"; }
for t in A B; do run "$t" "${WARM:-12}" >/dev/null; done
for r in $(seq 1 "${ROUNDS:-4}"); do
  for t in A B; do
    c0=$(cpu "${pid[$t]}"); out=$(run "$t" "${SECS:-8}"); c1=$(cpu "${pid[$t]}")
    rps=$(echo "$out" | awk '/Requests\/sec/{print $2}'); n=$(echo "$out" | grep -oE '\[200\][[:space:]]+[0-9]+' | awk '{print $2}')
    echo -e "round $r\t$t\treq/s $rps\tok $n\tcpu_us/req $(python3 -c "print(round(($c1-$c0)*1e6/$(getconf CLK_TCK)/$n,1))")"
  done
done
