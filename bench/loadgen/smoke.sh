#!/usr/bin/env bash
# End-to-end smoke test of sioring-bench against a Socket.IO server.
#
#   bench/loadgen/smoke.sh SERVER_CMD...
#
# Starts SERVER_CMD on a free loopback port ("{port}" in the command is
# replaced by it; without a placeholder "--port N" is appended), waits until it
# accepts connections, runs every mode for about 2 s with tiny counts, and
# checks each run's --json line: throughput > 0, every session connected,
# nothing lost. Exits 0 when every run passed, 1 otherwise.
#
# The generator is $SIORING_BENCH, else `sioring-bench` on PATH, else the
# newest build/*/bench/loadgen/sioring-bench of this checkout.
#
# Examples:
#   bench/loadgen/smoke.sh node bench/peers/node/server.js
#   bench/loadgen/smoke.sh build/debug/api/sioring-server --port {port} --shards 1
set -uo pipefail

if [ $# -eq 0 ]; then
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${SIORING_BENCH:-}
if [ -z "$bench" ]; then
  bench=$(command -v sioring-bench || true)
fi
if [ -z "$bench" ]; then
  bench=$(ls -t "$root"/build/*/bench/loadgen/sioring-bench 2>/dev/null | head -n1 || true)
fi
if [ -z "$bench" ] || [ ! -x "$bench" ]; then
  echo "smoke: sioring-bench not found (set SIORING_BENCH)" >&2
  exit 2
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cmd="$*"
if [[ "$cmd" == *"{port}"* ]]; then
  cmd=${cmd//\{port\}/$port}
else
  cmd="$cmd --port $port"
fi

log=$(mktemp -t sioring-smoke.XXXXXX)
# setsid: the server gets its own process group, so everything it spawned goes
# with it; exec: $server_pid is the server itself (for --server-pid).
setsid bash -c "exec $cmd" >"$log" 2>&1 &
server_pid=$!
cleanup() {
  kill -TERM -- "-$server_pid" 2>/dev/null
  for _ in $(seq 1 50); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  rm -f "$log"
}
trap cleanup EXIT

ready=0
for _ in $(seq 1 100); do
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ "$ready" != 1 ]; then
  echo "smoke: server did not accept connections on port $port within 10 s: $cmd" >&2
  cat "$log" >&2
  exit 1
fi
echo "smoke: server up on port $port (pid $server_pid): $cmd"

url="http://127.0.0.1:$port"
failed=0
run() {
  local name=$1
  shift
  local out
  out=$(timeout 60 "$bench" "$@" --url "$url" --server-pid "$server_pid" --json --quiet 2>/dev/null)
  local rc=$?
  local verdict
  verdict=$(printf '%s\n' "$out" | tail -n1 | python3 -c '
import json, sys
try:
    r = json.loads(sys.stdin.read())
except ValueError:
    print("FAIL no JSON line"); sys.exit()
bad = []
if not r["throughput"] > 0: bad.append("throughput 0")
if r["lost"] != 0: bad.append("lost %d" % r["lost"])
if r["duplicated"] != 0: bad.append("duplicated %d" % r["duplicated"])
if r["bad_acks"] != 0: bad.append("bad %d" % r["bad_acks"])
if r["errors"] != 0 or r["disconnects"] != 0: bad.append("errors %d disconnects %d" % (r["errors"], r["disconnects"]))
want = r["connections"] + r["publishers"]
if r["connected"] < want: bad.append("connected %d of %d" % (r["connected"], want))
line = "%.0f %s, p99 %.0f us, server cpu %s%%" % (r["throughput"], r["unit"], r["latency_us"]["p99"], r["server_cpu_pct"])
print(("FAIL " + ", ".join(bad) + " (" + line + ")") if bad else "ok " + line)
')
  if [ $rc -ne 0 ] && [[ "$verdict" == ok* ]]; then verdict="FAIL exit code $rc"; fi
  printf 'smoke: %-18s %s\n' "$name" "$verdict"
  if [[ "$verdict" != ok* ]]; then
    failed=1
    printf '%s\n' "$out" >&2
  fi
}

run connect          connect -c 50 --duration 2s
run connect-upgrade  connect -c 20 --duration 2s --transport upgrade
run echo             echo -c 10 --depth 4 --duration 2s
run echo-polling     echo -c 10 --depth 4 --duration 2s --transport polling
run fanout           fanout -c 20 --publishers 1 --depth 4 --duration 2s

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "smoke: the server exited during the runs" >&2
  cat "$log" >&2
  failed=1
fi
if [ $failed -ne 0 ]; then
  echo "smoke: FAILED"
  exit 1
fi
echo "smoke: all runs passed"
