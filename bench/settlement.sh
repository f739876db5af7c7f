#!/usr/bin/env bash
# Settlement benchmark (a measurement, not a test): the settlement-reconciliation job over many bills on PostgreSQL.
#   bench/settlement.sh [bills]          default 1000000
#   BENCH_PORT_OFFSET=200 BENCH_DB=stallkeeper_it_settle bench/settlement.sh    other ports / database
# Starts PostgreSQL if needed (database stallkeeper_settle_bench, recreated) and the provisioned server (port
# offset 470, heap 2 GiB, monthly schedule off); generates the bills with generate_series; runs one SQL statement
# computing the per-product-type eligible totals (best of 3) and one INSERT ... SELECT recording the same settlement
# rows into a scratch copy of bill_settlement (the same work in one statement, best of 3); runs the job for the previous Beijing month through
# the management API while sampling the server's heap (jcmd GC.heap_info every 200 ms); checks that the job's
# statements equal the SQL totals; writes target/bench/settlement.md. Everything it started is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bills="${1:-1000000}"
out=target/bench
mkdir -p "$out"
offset="${BENCH_PORT_OFFSET:-470}"
http=$((8080 + offset))
mgmt=$((9990 + offset))
db="${BENCH_DB:-stallkeeper_settle_bench}"
chunk="${BENCH_CHUNK:-50000}"
[ -x ear/target/server/bin/standalone.sh ] || mvn -B -q package -DskipTests -pl protocol,ejb,batch,web,ear -am

pgport=$(scripts/ensure-postgres.sh | tail -n 1)
psql_db() { psql -X -q -At -h 127.0.0.1 -p "$pgport" -U postgres -d "$db" "$@"; }
psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
  -c "CREATE DATABASE $db"

server_dir=$(mktemp -d /tmp/stallkeeper-settle-bench.XXXXXX)
launcher=""
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  if [ -n "$launcher" ]; then
    for child in $(pgrep -P "$launcher" 2>/dev/null || true); do kill -9 "$child" 2>/dev/null || true; done
    kill -9 "$launcher" 2>/dev/null || true
  fi
  rm -rf "$server_dir"
}
trap cleanup EXIT
cp -r ear/target/server/. "$server_dir"
rm -rf "$server_dir/standalone/data" "$server_dir/standalone/log"
POSTGRESQL_URL="jdbc:postgresql://127.0.0.1:$pgport/$db" POSTGRESQL_USER=postgres POSTGRESQL_PASSWORD=postgres \
STALLKEEPER_DATA_KEY="$(head -c 32 /dev/urandom | base64)" \
STALLKEEPER_SETTLEMENT_SCHEDULE=off STALLKEEPER_HOUSEKEEPING_MINUTES=1440 \
STALLKEEPER_ADMIN_USER=bench-admin STALLKEEPER_ADMIN_PASSWORD=settle-reads-0001 \
LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_JAVA_SIZING="-Xms512m -Xmx2g" \
  "$server_dir/bin/standalone.sh" -Djboss.socket.binding.port-offset=$offset >"$out/settlement-server.log" 2>&1 &
launcher=$!
for _ in $(seq 1 180); do curl -fsS "http://127.0.0.1:$http/api/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$http/api/health"; echo
pid=$(pgrep -P "$launcher" java | head -n 1)

period=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 month" +%Y%m)
period_end=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01)" +%Y-%m-%dT00:00:00+08:00)
echo "== generating $bills bills (period to settle: $period)"
seed_start=$(date +%s.%N)
psql_db -c "INSERT INTO bill (id, source, source_key, recorded_by, order_id, order_line_id, product_type, kind,
    amount, payment_state, supervision_state, effective_at, settleable_at, created_at, updated_at, version)
  SELECT g, 'ORDER', 'BENCH-' || g || '/1/' || CASE WHEN g % 50 = 0 THEN 'REFUND' ELSE 'NEW' END, 'BENCH',
    'BENCH-' || g, '1', (ARRAY['SAAS', 'LICENSE', 'API', 'IMAGE'])[1 + g % 4],
    CASE WHEN g % 50 = 0 THEN 'REFUND' ELSE 'NEW' END,
    CASE WHEN g % 50 = 0 THEN -((g % 3000) / 10.0) ELSE (g % 99991) / 100.0 + 1 END,
    CASE WHEN g % 10 = 0 THEN 'UNPAID' ELSE 'PAID' END,
    CASE WHEN g % 20 = 0 THEN 'IN_PROGRESS' ELSE 'NOT_REQUIRED' END,
    TIMESTAMP WITH TIME ZONE '$period_end' - (g % 365) * INTERVAL '1 day' - INTERVAL '1 hour',
    CASE WHEN g % 20 = 0 THEN NULL
         ELSE TIMESTAMP WITH TIME ZONE '$period_end' - (g % 365) * INTERVAL '1 day' - INTERVAL '1 hour' END,
    now() - INTERVAL '1 hour', now() - INTERVAL '1 hour', 0
  FROM generate_series(1, $bills) g" -c "VACUUM ANALYZE bill"
seed_s=$(echo "$(date +%s.%N) - $seed_start" | bc)

echo "== one SQL statement: per-product-type eligible totals (best of 3)"
eligible="NOT EXISTS (SELECT 1 FROM bill_settlement bs WHERE bs.bill_id = bill.id)
  AND payment_state IN ('PAID', 'REPAID') AND supervision_state IN ('NOT_REQUIRED', 'COMPLETED')
  AND settleable_at < TIMESTAMP WITH TIME ZONE '$period_end'"
sql="SELECT product_type, SUM(amount), COUNT(*) FROM bill WHERE $eligible GROUP BY product_type ORDER BY product_type"
# best_ms SETUP STATEMENT: the best of 3 timings (ms) of STATEMENT, each after SETUP (untimed)
best_ms() {
  local best="" t
  for _ in 1 2 3; do
    t=$(psql -X -At -h 127.0.0.1 -p "$pgport" -U postgres -d "$db" -c "$1" -c '\timing on' -c "$2" \
      | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
sql_ms=$(best_ms "SELECT 1" "$sql")
echo "== one SQL statement recording the same settlement rows (INSERT ... SELECT, best of 3)"
psql_db -c "CREATE TABLE bench_settlement (LIKE bill_settlement INCLUDING ALL)"
insert_ms=$(best_ms "TRUNCATE bench_settlement" "INSERT INTO bench_settlement (bill_id, period, statement_id, settled_at)
  SELECT id, $period, CASE product_type WHEN 'SAAS' THEN 1 WHEN 'LICENSE' THEN 2 WHEN 'API' THEN 3 ELSE 4 END, now()
  FROM bill WHERE $eligible")
psql_db -c "DROP TABLE bench_settlement" -c "VACUUM ANALYZE bill"
echo "read-only ${sql_ms} ms, same work ${insert_ms} ms"
psql_db -c "$sql" > "$out/settlement-sql-totals.txt"
cat "$out/settlement-sql-totals.txt"

echo "== the job (java pid $pid)"
heap_log="$out/settlement-heap.log"
: > "$heap_log"
(while true; do jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*total \([0-9]*\)K, used \([0-9]*\)K.*/\1 \2/p' | head -n 1 >> "$heap_log"; sleep 0.2; done) &
sampler=$!
sleep 1
execution=$("$server_dir/bin/jboss-cli.sh" --controller=127.0.0.1:$mgmt -c --output-json \
  --command="/deployment=stallkeeper.ear/subdeployment=stallkeeper-batch.jar/subsystem=batch-jberet:start-job(job-xml-name=settlement-reconciliation, properties={period=$period,chunkSize=$chunk})" \
  | sed -n 's/.*"result" : \([0-9]*\).*/\1/p')
echo "execution $execution"
status=""
for _ in $(seq 1 3600); do
  status=$(psql_db -c "SELECT batchstatus FROM job_execution WHERE jobexecutionid = $execution")
  [ "$status" = COMPLETED ] || [ "$status" = FAILED ] && break
  sleep 0.5
done
sleep 1
kill "$sampler" 2>/dev/null || true
sampler=""
echo "job $status"
job_s=$(psql_db -c "SELECT EXTRACT(EPOCH FROM endtime - starttime) FROM job_execution WHERE jobexecutionid = $execution")
steps=$(psql_db -F ' ' -c "SELECT stepname, ROUND(EXTRACT(EPOCH FROM endtime - starttime)::numeric, 2) || ' s', batchstatus FROM step_execution WHERE jobexecutionid = $execution ORDER BY stepexecutionid")
peak_kb=$(awk 'BEGIN{m=0} {if ($2 > m) m = $2} END{print m}' "$heap_log")
max_total_kb=$(awk 'BEGIN{m=0} {if ($1 > m) m = $1} END{print m}' "$heap_log")
first_kb=$(head -n 1 "$heap_log" | awk '{print $2}')
samples=$(wc -l < "$heap_log")
psql_db -c "SELECT product_type, accumulated, bill_count FROM settlement_statement WHERE period = $period ORDER BY product_type" \
  > "$out/settlement-job-totals.txt"
if diff -q <(tr '|' ' ' < "$out/settlement-sql-totals.txt") <(tr '|' ' ' < "$out/settlement-job-totals.txt") >/dev/null; then
  same="yes"
else
  same="NO"
fi
settled=$(psql_db -c "SELECT COUNT(*) FROM bill_settlement WHERE period = $period")

echo "== reading the results through the admin API"
reads=""
for path in "settlement/runs" "settlement/periods/$period/statements" "settlement/periods/$period/worklist" \
    "settlement/periods/$period/statements.csv" "settlement/periods/$period/worklist.csv"; do
  line=$(curl -sS -o /dev/null -u bench-admin:settle-reads-0001 -w '%{http_code} %{time_total} s, %{size_download} bytes' \
    "http://127.0.0.1:$http/api/admin/$path")
  reads="$reads| GET /api/admin/$path | $line |
"
done
ratio=$(echo "scale=1; $job_s * 1000 / $sql_ms" | bc)
ratio_insert=$(echo "scale=1; $job_s * 1000 / $insert_ms" | bc)

cat > "$out/settlement.md" <<REPORT
# Settlement benchmark

$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL on 127.0.0.1:$pgport, server heap -Xmx2g, partitions 4, chunks of $chunk bill ids.

| measure | value |
|---|---|
| bills generated | $bills (seed ${seed_s%.*} s) |
| period | $period |
| job status | $status |
| job wall time (job_execution start to end) | ${job_s} s |
| one SQL statement, same per-type totals (best of 3) | ${sql_ms} ms |
| one SQL statement recording the same settlement rows (INSERT ... SELECT, best of 3) | ${insert_ms} ms |
| ratio job / read-only SQL | ${ratio} x (target <= 5 x, goal 2 x) |
| ratio job / same-work SQL | ${ratio_insert} x (target <= 2 x) |
| job totals equal the SQL totals | $same |
| bills settled | $settled |
| server heap used, peak during the run (GC.heap_info, $samples samples) | $((peak_kb / 1024)) MiB (at start ${first_kb:-0} KiB; committed up to $((max_total_kb / 1024)) MiB) |

Reading the results (admin API; JSON lists at most 1,000 bills per statement and 1,000 worklist lines):

| request | status, time, size |
|---|---|
$reads
Steps:

\`\`\`
$steps
\`\`\`

Per-type totals (product type | sum | bills), SQL and job:

\`\`\`
$(cat "$out/settlement-sql-totals.txt")
--
$(cat "$out/settlement-job-totals.txt")
\`\`\`
REPORT
cat "$out/settlement.md"
