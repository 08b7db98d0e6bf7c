#!/usr/bin/env bash
# API benchmark: builds ocpctl and hack/bench/api in release, starts a throwaway PostgreSQL, and drives a real
# `ocpctl serve` on SQLite and on PostgreSQL at 200 and 1,000 requests/s, then measures reaction latency.
# OCPCTL_BENCH_SECONDS (default 30) sets the time per case, OCPCTL_BENCH_RATES (default 200,1000) the rates,
# OCPCTL_BENCH_REACTION_COUNT and OCPCTL_BENCH_REACTION_RATE (default 1000 applies at 20/s) the reaction run,
# OCPCTL_BENCH_CASES (default healthz,get,list,apply,reaction) what runs.
# SCRATCH_PATH picks the build directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
source hack/lib/postgres.sh
scratch=${SCRATCH_PATH:-.build}

trap stop_throwaway_postgres EXIT
swift build -c release --scratch-path "$scratch" --product ocpctl
swift build -c release --scratch-path "$scratch" --product ocpctl-bench-api
if start_throwaway_postgres; then
    export OCPCTL_BENCH_POSTGRES_URL="$OCPCTL_PG_URL"
else
    echo "warning: PostgreSQL not available; SQLite only" >&2
fi
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
OCPCTL_BINARY="$bin/ocpctl" "$bin/ocpctl-bench-api" "$@"
