#!/usr/bin/env bash
# Callback benchmark (a measurement, not a test): Stallkeeper on PostgreSQL, KooGallery played by the simulator.
#   bench/callbacks.sh [rate] [duration]      e.g. bench/callbacks.sh 300 30s
# Starts PostgreSQL if needed (database stallkeeper_bench, recreated), the simulator's Query Order API
# (synthesizing an order for every new order id), and the provisioned server (port offset 500); then runs
#   1. open-loop newInstance at <rate>/s (unique order per request; real provisioning, real Query Order calls)
#   2. open-loop queryInstance of 100 ids per request at 50/s
# and writes target/bench/*.txt|json. Everything it started is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-300}"
duration="${2:-30s}"
out=target/bench
mkdir -p "$out"
[ -x ear/target/server/bin/standalone.sh ] && [ -f simulator/target/stallkeeper-simulator.jar ] \
  || mvn -B -q install -DskipTests -pl ear,simulator -am

pgport=$(scripts/ensure-postgres.sh | tail -n 1)
psql -q -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -c "DROP DATABASE IF EXISTS stallkeeper_bench WITH (FORCE)" \
  -c "CREATE DATABASE stallkeeper_bench"

sim=simulator/target/stallkeeper-simulator.jar
key=bench-key-0001
pids=()
cleanup() { for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
            pkill -f 'jboss.socket.binding.port-offset=500' 2>/dev/null || true; }
trap cleanup EXIT

java -jar "$sim" serve --port 18500 --ak BENCH-AK --sk bench-sk --synthesize >"$out/openapi.log" 2>&1 &
pids+=($!)

server_dir=$(mktemp -d /tmp/stallkeeper-bench-server.XXXXXX)
cp -r ear/target/server/. "$server_dir"
rm -rf "$server_dir/standalone/data" "$server_dir/standalone/log"
POSTGRESQL_URL="jdbc:postgresql://127.0.0.1:$pgport/stallkeeper_bench" POSTGRESQL_USER=postgres POSTGRESQL_PASSWORD=postgres \
KOOGALLERY_KEY=$key KOOGALLERY_AK=BENCH-AK KOOGALLERY_SK=bench-sk KOOGALLERY_API_BASE=http://127.0.0.1:18500 \
LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_JAVA_SIZING="-Xms1g -Xmx1g" \
  "$server_dir/bin/standalone.sh" -Djboss.socket.binding.port-offset=500 >"$out/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fsS http://127.0.0.1:8580/api/health >/dev/null 2>&1 && break; sleep 1; done
curl -fsS http://127.0.0.1:8580/api/health; echo

url=http://127.0.0.1:8580/api/koogallery/produce
echo "== warm-up"
java -jar "$sim" load --url $url --key $key --rate 100 --duration 10s --mix newInstance:100 >/dev/null
echo "== newInstance at $rate/s for $duration"
java -jar "$sim" load --url $url --key $key --rate "$rate" --duration "$duration" --mix newInstance:100 \
  --json "$out/newInstance.json" | tee "$out/newInstance.txt"
echo "== queryInstance (100 ids) at 50/s for $duration"
java -jar "$sim" load --url $url --key $key --rate 50 --duration "$duration" --warmup 5s \
  --mix newInstance:2,queryInstance:98 --query-ids 100 --json "$out/queryInstance.json" | tee "$out/queryInstance.txt"
