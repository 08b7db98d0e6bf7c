#!/usr/bin/env bash
# LIST of 100 clusters as a meta.k8s.io Table (what `kubectl get clusters` asks for) over HTTPS with a bearer
# token: p50/p99 latency and requests/s, beside /healthz on the same server in the same run. Release build (set
# CONFIGURATION=debug to check the script quickly), SQLite, wrk as the load (Debian's wrk).
# Usage: hack/bench/kube-list.sh [CONNECTIONS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${1:-16}
seconds=${2:-10}
command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install wrk)" >&2; exit 1; }
configuration=${CONFIGURATION:-release}
swift build -c "$configuration" --product ocpctl >&2
bin="$(swift build -c "$configuration" --show-bin-path)/ocpctl"
work=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-bench-kube-list.XXXXXX")
trap 'kill $serve 2>/dev/null || true; wait $serve 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" serve --data-dir "$work/data" --port 0 --sim-durations instant > "$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 1 600); do [ -f "$work/data/kubeconfig" ] && break; sleep 0.1; done
export OCPCTL_CONFIG="$work/data/client.yaml"
server=$(awk '/^server:/ {print $2}' "$OCPCTL_CONFIG")
token=$(awk '/^token:/ {print $2}' "$OCPCTL_CONFIG")

for i in $(seq 0 99); do
    printf -- '---\napiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: list-%d\n  namespace: team-a\n  labels: {purpose: bench}\nspec:\n  profile: aws-minimal-test\n  workers: %d\n' \
        "$i" $((i % 3))
done > "$work/clusters.yaml"
"$bin" apply -f "$work/clusters.yaml" > /dev/null
# Let the reconciler settle, so the runs measure reads, not a server busy creating clusters.
for _ in $(seq 1 600); do
    running=$("$bin" get clusters -n team-a | grep -c ' Running ' || true)
    [ "$running" -ge 100 ] && break
    sleep 0.5
done

table='Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
list_url="$server/apis/ocpctl.io/v1alpha1/namespaces/team-a/clusters?limit=500"
rows=$(curl -sk -H "Authorization: Bearer $token" -H "$table" "$list_url" | grep -o '"cells"' | wc -l)
[ "$rows" -eq 100 ] || { echo "error: the Table has $rows rows, not 100" >&2; exit 1; }

# Prints "REQ/S P50 P99" for one wrk run against URL with extra wrk arguments.
measure() {
    local url=$1; shift
    wrk -t2 -c"$connections" -d2s "$@" "$url" > /dev/null
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url" |
        awk '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} END {print rps, p50, p99}'
}

echo "wrk -t2 -c$connections, ${seconds}s per run, HTTPS, SQLite, $configuration build; 100 clusters in team-a"
read -r rps p50 p99 < <(measure "$list_url" -H "Authorization: Bearer $token" -H "$table")
echo "LIST 100 as Table: $rps req/s, p50 $p50, p99 $p99"
read -r rps p50 p99 < <(measure "$server/healthz")
echo "/healthz:          $rps req/s, p50 $p50, p99 $p99"
read -r rps p50 p99 < <(measure "$list_url" -H "Authorization: Bearer $token")
echo "LIST 100 as JSON:  $rps req/s, p50 $p50, p99 $p99"
