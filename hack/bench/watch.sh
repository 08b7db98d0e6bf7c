#!/usr/bin/env bash
# Watch fan-out benchmark: builds ocpctl and hack/bench/api in release and runs its watch case against a real
# `ocpctl serve` on SQLite (and on PostgreSQL when one starts): 1,000 concurrent watchers of one namespace while
# 100 cluster changes a second are written, printing delivery latency p50/p99 and the server's RSS.
# OCPCTL_BENCH_WATCHERS (default 1000), OCPCTL_BENCH_WATCH_RATE (default 100) and OCPCTL_BENCH_SECONDS
# (default 30) change the load. SCRATCH_PATH picks the build directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
source hack/lib/postgres.sh
scratch=${SCRATCH_PATH:-.build}
# Every watcher holds a connection on both sides of loopback.
ulimit -n "$(( ${OCPCTL_BENCH_WATCHERS:-1000} * 2 + 1024 ))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"

trap stop_throwaway_postgres EXIT
swift build -c release --scratch-path "$scratch" --product ocpctl
swift build -c release --scratch-path "$scratch" --product ocpctl-bench-api
if [ "${OCPCTL_BENCH_POSTGRES:-1}" = 1 ] && start_throwaway_postgres; then
    export OCPCTL_BENCH_POSTGRES_URL="$OCPCTL_PG_URL"
fi
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
OCPCTL_BENCH_CASES=watch OCPCTL_BINARY="$bin/ocpctl" "$bin/ocpctl-bench-api" "$@"
