#!/usr/bin/env bash
# Events through the outbox to a throwaway Pub/Sub emulator, from `ocpctl serve` in a release build:
# events/s published and change-to-subscriber latency p50/p99, for COUNT clusters created at once
# (one `ocpctl apply` of COUNT manifests) and then deleted. Usage: hack/bench/events.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
source hack/lib/pubsub.sh
count=${1:-1000}
swift build -c release --product ocpctl
bin="$(swift build -c release --show-bin-path)/ocpctl"
work=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-bench-events.XXXXXX")
serve=
trap 'kill $serve 2>/dev/null || true; wait $serve 2>/dev/null || true; stop_throwaway_pubsub; rm -rf "$work"' EXIT
start_throwaway_pubsub
host=$OCPCTL_PUBSUB_HOST
project=ocpctl-bench
curl -sf -X PUT "http://$host/v1/projects/$project/topics/cluster-events" > /dev/null
curl -sf -X PUT "http://$host/v1/projects/$project/subscriptions/bench" -H 'Content-Type: application/json' \
    -d "{\"topic\":\"projects/$project/topics/cluster-events\",\"enableMessageOrdering\":true}" > /dev/null

mkdir -p "$work/manifests"
for i in $(seq 0 $((count - 1))); do
    printf 'apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: bench-%d\n  namespace: team-%d\nspec:\n  profile: aws-minimal-test\n' \
        "$i" $((i % 10)) > "$work/manifests/cluster-$i.yaml"
done

PUBSUB_EMULATOR_HOST=$host "$bin" serve --data-dir "$work/data" --port 0 --sim-durations instant \
    --events-pubsub-topic "projects/$project/topics/cluster-events" > "$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 1 100); do [ -f "$work/data/client.yaml" ] && break; sleep 0.1; done
export OCPCTL_CONFIG="$work/data/client.yaml"

echo "creates: $count clusters in one apply"
python3 hack/bench/events/subscriber.py "$host" "projects/$project/subscriptions/bench" "$count" &
subscriber=$!
"$bin" apply -f "$work/manifests" > /dev/null
wait $subscriber

echo "deletes: $count clusters, one ocpctl delete each, 8 at a time"
python3 hack/bench/events/subscriber.py "$host" "projects/$project/subscriptions/bench" "$count" &
subscriber=$!
seq 0 $((count - 1)) | xargs -P 8 -I{} sh -c '"$0" delete cluster "bench-$1" -n "team-$(($1 % 10))" > /dev/null' "$bin" {}
wait $subscriber
