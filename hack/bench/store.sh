#!/usr/bin/env bash
# Store benchmark: builds hack/bench/store in release, starts a throwaway PostgreSQL, and runs it for
# SQLite and PostgreSQL (with pgbench beside it). Extra arguments go to the benchmark
# (--count N, --rounds N, --list-rows N, --page N). SCRATCH_PATH picks the build directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
source hack/lib/postgres.sh
scratch=${SCRATCH_PATH:-.build}

trap stop_throwaway_postgres EXIT
swift build -c release --scratch-path "$scratch" --product ocpctl-bench-store
start_throwaway_postgres
pg_run psql "$OCPCTL_PG_URL" -qc "CREATE DATABASE ocpctl_bench" >/dev/null
url=${OCPCTL_PG_URL/\/postgres\?/\/ocpctl_bench?}
"$scratch/release/ocpctl-bench-store" --postgres "$url" "$@"
