#!/usr/bin/env bash
# The web console's inventory over 1,000 clusters: the server's own time per page (the duration_ms of its request
# log line for /ui/clusters, which includes the in-process API list and the rendering), p50 and p95 over
# OCPCTL_BENCH_REQUESTS (default 200) sequential requests per page kind, signed in as the admin (sees all 1,000).
# Release build in .build-release (SCRATCH_PATH to change; CONFIGURATION=debug to check the script quickly), SQLite,
# HTTPS, the reconciler settled first. Target: p95 <= 50 ms. OCPCTL_BINARY=PATH measures a binary already built.
set -euo pipefail
cd "$(dirname "$0")/../.."
configuration=${CONFIGURATION:-release}
scratch=${SCRATCH_PATH:-.build-release}
requests=${OCPCTL_BENCH_REQUESTS:-200}
if [ -n "${OCPCTL_BINARY:-}" ]; then
    bin=$OCPCTL_BINARY
    configuration="given binary $bin"
    scratch="not built here"
else
    swift build -c "$configuration" --scratch-path "$scratch" --product ocpctl >&2
    bin="$(swift build -c "$configuration" --scratch-path "$scratch" --show-bin-path)/ocpctl"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-bench-console.XXXXXX")
trap 'kill $serve 2>/dev/null || true; wait $serve 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" serve --data-dir "$work/data" --port 0 --sim-durations instant > "$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 1 600); do [ -f "$work/data/client.yaml" ] && break; sleep 0.1; done
export OCPCTL_CONFIG="$work/data/client.yaml"
server=$(awk '/^server:/ {print $2}' "$OCPCTL_CONFIG")
token=$(awk '/^token:/ {print $2}' "$OCPCTL_CONFIG")

for i in $(seq 0 999); do
    printf -- '---\napiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: inv-%04d\n  namespace: team-%s\n  labels: {purpose: bench, shard: "s%d"}\nspec:\n  profile: aws-minimal-test\n  workers: %d\n  costCenter: cc-%d\n' \
        "$i" "$(printf '%s' abcd | cut -c$((i % 4 + 1)))" $((i % 10)) $((i % 3)) $((i % 7))
done > "$work/clusters.yaml"
"$bin" apply -f "$work/clusters.yaml" > /dev/null
for _ in $(seq 1 1200); do
    running=$("$bin" get clusters -A | grep -c ' Running ' || true)
    [ "$running" -ge 1000 ] && break
    sleep 0.5
done
echo "clusters Running: $running" >&2

jar="$work/cookies"
csrf=$(curl -sk -c "$jar" "$server/ui/signin" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -sk -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "token=$token" "$server/ui/signin"
count=$(curl -sk -b "$jar" "$server/ui/clusters" | grep -o '1000 clusters' | head -1)
[ "$count" = "1000 clusters" ] || { echo "error: the inventory does not show 1000 clusters" >&2; exit 1; }

pages=("/ui/clusters" "/ui/clusters?sort=expires&order=desc&page=10" "/ui/clusters?phase=Running&label=shard%3Ds3" "/ui/clusters?team=team-b&sort=owner")
for page in "${pages[@]}"; do
    for _ in $(seq 1 10); do curl -sk -b "$jar" -o /dev/null "$server$page"; done
done
# The server's own time for each request, from its log: lines from line $1 on, for /ui/clusters.
durations() {
    tail -n +"$1" "$work/serve.log" | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    if entry.get("message") == "request" and entry.get("path") == "/ui/clusters":
        print(entry["duration_ms"])
'
}
stats='
import sys
values = sorted(float(v) for v in sys.stdin.read().split())
if not values:
    sys.exit("error: no /ui/clusters request lines in the server log")
pct = lambda p: values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
print("%4d requests  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  %s" % (len(values), pct(50), pct(95), values[-1], sys.argv[1]))
'
echo "inventory over 1,000 clusters, server time (request log duration_ms), $requests sequential requests per page:"
: > "$work/all"
for page in "${pages[@]}"; do
    mark=$(( $(wc -l < "$work/serve.log") + 1 ))
    for _ in $(seq 1 "$requests"); do curl -sk -b "$jar" -o /dev/null "$server$page"; done
    sleep 0.5
    durations "$mark" | tee -a "$work/all" | python3 -c "$stats" "$page"
done
python3 -c "$stats" "all pages" < "$work/all"
echo "build: $configuration ($scratch), SQLite, HTTPS, signed in as admin; target p95 <= 50 ms"
