#!/usr/bin/env bash
# Time until N clusters are Ready (default 1,000 and 10,000) on SQLite and a throwaway PostgreSQL,
# and steady-state no-op reconciles/s, in a release build. Usage: hack/bench/converge.sh [N ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
source hack/lib/postgres.sh
trap stop_throwaway_postgres EXIT
if start_throwaway_postgres; then
    export OCPCTL_BENCH_POSTGRES_URL="$OCPCTL_PG_URL"
else
    echo "warning: PostgreSQL not available; SQLite only" >&2
fi
swift build -c release --product ocpctl-bench-converge
"$(swift build -c release --show-bin-path)/ocpctl-bench-converge" "$@"
