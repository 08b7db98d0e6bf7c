#!/usr/bin/env bash
# Burst stress test: builds ocpctl in release, starts a throwaway PostgreSQL, and runs hack/bench/burst.py against a
# real `ocpctl serve` on SQLite and on PostgreSQL: open-loop creates at OCPCTL_BURST_RATE per second (default 1000)
# for OCPCTL_BURST_SECONDS (default 10), every third one a duplicate name (409), /healthz sampled throughout, then
# SIGTERM with --shutdown-seconds OCPCTL_BURST_SHUTDOWN_SECONDS (default 20). Prints each store's JSON report and a
# summary line. SCRATCH_PATH picks the build directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
source hack/lib/postgres.sh
scratch=${SCRATCH_PATH:-.build}
rate=${OCPCTL_BURST_RATE:-1000}
seconds=${OCPCTL_BURST_SECONDS:-10}
shutdown=${OCPCTL_BURST_SHUTDOWN_SECONDS:-20}

trap stop_throwaway_postgres EXIT
swift build -c release --scratch-path "$scratch" --product ocpctl
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
stores=(sqlite)
if start_throwaway_postgres; then
    stores+=(postgres)
else
    echo "warning: PostgreSQL not available; SQLite only" >&2
fi

for store in "${stores[@]}"; do
    args=(--ocpctl "$bin/ocpctl" --rate "$rate" --seconds "$seconds" --shutdown-seconds "$shutdown")
    if [ "$store" = postgres ]; then
        db="ocpctl_burst_$RANDOM$RANDOM"
        pg_run psql -q -h 127.0.0.1 -p "$OCPCTL_PG_PORT" -U ocpctl -d postgres -c "CREATE DATABASE $db" >/dev/null
        args+=(--postgres "postgres://ocpctl@127.0.0.1:$OCPCTL_PG_PORT/$db?sslmode=disable")
    fi
    report=$(python3 hack/bench/burst.py "${args[@]}")
    echo "$report"
    python3 - "$report" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
h = r["healthz"]
ms = lambda v: "n/a" if v is None else f"{v * 1000:.1f} ms"
print(f"{r['store']}: offered {r['rate']}/s for {r['seconds']} s ({r['sent']} creates, {r['uniqueNames']} names): "
      f"answers {r['statuses']}, {r['errors']} unanswered; {r['createdPerSecond']}/s created; all answered after {r['answeredSeconds']} s; "
      f"create p50 {ms(r['createLatency']['p50'])} p99 {ms(r['createLatency']['p99'])}; "
      f"healthz p50 {ms(h['p50'])} p99 {ms(h['p99'])} max {ms(h['max'])} ({h['failed']} failed of {h['samples']}); "
      f"clusters {r['clusters']}; stopped {r['stopSeconds']} s after SIGTERM (limit {r['shutdownSeconds']} s), exit {r['exitStatus']}")
PY
done
