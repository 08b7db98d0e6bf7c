#!/usr/bin/env bash
# Events through the outbox to a throwaway Pub/Sub emulator, from `ocpctl serve` in a release build (set
# CONFIGURATION=debug to check the script quickly). Two runs of COUNT events each:
#   creates: COUNT clusters in one `ocpctl apply`; change-to-subscriber latency p50/p99 while changes stream in;
#   backlog: COUNT spec updates applied while the emulator is frozen, so they wait in the outbox; once it thaws,
#            the publisher's rate (events/s from the first receipt to the last) and the latency from commit.
# Usage: hack/bench/events.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
source hack/lib/pubsub.sh
count=${1:-1000}
configuration=${CONFIGURATION:-release}
swift build -c "$configuration" --product ocpctl >&2
bin="$(swift build -c "$configuration" --show-bin-path)/ocpctl"
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
    printf 'apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: bench-%d\n  namespace: team-%d\nspec:\n  profile: aws-minimal-test\n  workers: 1\n' \
        "$i" $((i % 10)) > "$work/manifests/cluster-$i.yaml"
done

PUBSUB_EMULATOR_HOST=$host "$bin" serve --data-dir "$work/data" --port 0 --sim-durations instant \
    --events-pubsub-topic "projects/$project/topics/cluster-events" --events-retry-max-seconds 1 > "$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 1 600); do [ -f "$work/data/client.yaml" ] && break; sleep 0.1; done
[ -f "$work/data/client.yaml" ] || { echo "error: serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
export OCPCTL_CONFIG="$work/data/client.yaml"

subscribe() { python3 hack/bench/events/subscriber.py "$host" "projects/$project/subscriptions/bench" "$count" "$1"; }

echo "ocpctl $configuration build; creates: $count clusters in one apply"
subscribe commit &
subscriber=$!
"$bin" apply -f "$work/manifests" > /dev/null
wait $subscriber

echo "backlog: $count spec updates applied while the emulator is frozen, then published"
sed -i 's/workers: 1/workers: 2/' "$work"/manifests/*.yaml
kill -STOP -- "-$OCPCTL_PUBSUB_PID"
"$bin" apply -f "$work/manifests" > /dev/null
kill -CONT -- "-$OCPCTL_PUBSUB_PID"
subscribe receipt
