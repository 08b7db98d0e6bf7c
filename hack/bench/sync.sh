#!/usr/bin/env bash
# Time of `ocpctl sync DIR` over 1,000 manifests when nothing changed (target <= 2 s), against `ocpctl serve`
# on embedded defaults, in a release build. Prints each run and the median. Usage: hack/bench/sync.sh [COUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-1000}
runs=${2:-7}
swift build -c release --product ocpctl
bin="$(swift build -c release --show-bin-path)/ocpctl"
work=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-bench-sync.XXXXXX")
trap 'kill $serve 2>/dev/null || true; wait $serve 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/repo/teams"
for i in $(seq 0 $((count - 1))); do
    printf 'apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: bench-%d\n  namespace: team-%d\n  labels: {purpose: bench}\nspec:\n  profile: aws-minimal-test\n  workers: %d\n' \
        "$i" $((i % 10)) $((i % 3)) > "$work/repo/teams/cluster-$i.yaml"
done

"$bin" serve --data-dir "$work/data" --port 0 --sim-durations instant > "$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 1 100); do [ -f "$work/data/client.yaml" ] && break; sleep 0.1; done
export OCPCTL_CONFIG="$work/data/client.yaml"

seconds_since() { local ms=$(( ($(date +%s%N) - $1) / 1000000 )); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }
start=$(date +%s%N)
"$bin" sync "$work/repo" --source bench > /dev/null || [ $? -eq 2 ]
echo "first sync (creates $count clusters): $(seconds_since "$start") s"
# Let the reconciler settle so the timed runs measure the sync, not a busy server.
for _ in $(seq 1 600); do
    ready=$("$bin" get clusters -A -o json | grep -c '"reason" : "ClusterRunning"' || true)
    [ "$ready" -ge "$count" ] && break
    sleep 0.5
done

times=()
for run in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$bin" sync "$work/repo" --source bench > "$work/out.txt"
    elapsed=$(seconds_since "$start")
    times+=("$elapsed")
    echo "run $run: ${elapsed} s ($(tail -1 "$work/out.txt"))"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "ocpctl sync of $count unchanged manifests: median ${median} s over $runs runs (target <= 2 s)"
