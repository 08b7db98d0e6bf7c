#!/usr/bin/env bash
# Authenticated GET throughput: bearer tokens looked up in the store (this tree) beside the same request on a
# build of BASE, where tokens were read from the tokens file at start (default: the last revision before tokens
# moved into the store). Both are release builds; each `ocpctl serve` runs on SQLite and on PostgreSQL with one
# cluster, and wrk (Debian's) drives GET of that cluster closed-loop. Rounds alternate the two binaries.
# OCPCTL_BENCH_SECONDS (default 10) per run, OCPCTL_BENCH_ROUNDS (default 5), OCPCTL_BENCH_CONNECTIONS (default 32).
# SCRATCH_PATH picks this tree's build directory. Usage: hack/bench/auth.sh [BASE]
set -euo pipefail
cd "$(dirname "$0")/../.."
source hack/lib/postgres.sh
# The last revision before authentication moved to the store: the parent of the commit that moved Identity into the model.
base=${1:-$(git log --diff-filter=A --format=%H -- Sources/OCPModel/Auth/Identity.swift | tail -1)~1}
seconds=${OCPCTL_BENCH_SECONDS:-10}
rounds=${OCPCTL_BENCH_ROUNDS:-5}
connections=${OCPCTL_BENCH_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "error: wrk not found (Debian: apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-bench-auth.XXXXXX")
cleanup() {
    stop_throwaway_postgres
    git worktree remove --force "$work/base" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product ocpctl
current=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/ocpctl
git worktree add --detach "$work/base" "$base" >/dev/null
(cd "$work/base" && swift build -c release --product ocpctl >&2)
baseline=$(cd "$work/base" && swift build -c release --show-bin-path)/ocpctl
start_throwaway_postgres || { echo "warning: PostgreSQL not available; SQLite only" >&2; OCPCTL_PG_URL=""; }

# Prints requests/s of one run: BINARY STORE ROUND.
run() {
    local binary=$1 store=$2 round=$3 dir
    dir=$(mktemp -d "$work/$store-$round.XXXXXX")
    mkdir -p "$dir"
    local args=(serve --data-dir "$dir" --port 0 --sim-durations instant)
    # Both binaries over plain HTTP, so the comparison is of token lookups, not of TLS.
    if "$binary" serve --help 2>/dev/null | grep -q -- --insecure-http; then args+=(--insecure-http); fi
    if [ "$store" = postgres ]; then
        local db="bench_$RANDOM$RANDOM"
        pg_run psql -q -h 127.0.0.1 -p "$OCPCTL_PG_PORT" -U ocpctl -d postgres -c "CREATE DATABASE $db" >/dev/null
        args+=(--postgres "postgres://ocpctl@127.0.0.1:$OCPCTL_PG_PORT/$db?sslmode=disable")
    fi
    "$binary" "${args[@]}" >"$dir/serve.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 600); do [ -f "$dir/client.yaml" ] && break; sleep 0.1; done
    local server token
    server=$(awk '/^server:/ {print $2}' "$dir/client.yaml")
    token=$(awk '/^token:/ {print $2}' "$dir/client.yaml")
    OCPCTL_CONFIG="$dir/client.yaml" "$binary" apply -f manifests/minimal.yaml >/dev/null
    local url="$server/apis/ocpctl.io/v1alpha1/namespaces/team-a/clusters/team-a-minimal"
    wrk -t2 -c"$connections" -d2s -H "Authorization: Bearer $token" "$url" >/dev/null
    wrk -t2 -c"$connections" -d"${seconds}s" -H "Authorization: Bearer $token" "$url" | awk '/Requests\/sec/ {print $2}'
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "authenticated GET, wrk -t2 -c$connections, ${seconds}s per run, $rounds rounds; base $(git rev-parse --short "$base")"
for store in sqlite ${OCPCTL_PG_URL:+postgres}; do
    : >"$work/store.txt"; : >"$work/file.txt"
    for round in $(seq 1 "$rounds"); do
        run "$baseline" "$store" "$round" >>"$work/file.txt"
        run "$current" "$store" "$round" >>"$work/store.txt"
    done
    file=$(median <"$work/file.txt"); stored=$(median <"$work/store.txt")
    echo "$store: tokens file $(paste -sd' ' "$work/file.txt") → median $file req/s; tokens in the store $(paste -sd' ' "$work/store.txt") → median $stored req/s; ratio $(awk -v a="$stored" -v b="$file" 'BEGIN {printf "%.2f", a / b}')"
done
