# Starts a throwaway Google Cloud Pub/Sub emulator (from the Google Cloud SDK, which needs Java) for the
# event tests and benchmark; source this file, then call start_throwaway_pubsub. It sets
# OCPCTL_PUBSUB_HOST (127.0.0.1:PORT), OCPCTL_PUBSUB_PID and OCPCTL_PUBSUB_DIR; stop_throwaway_pubsub stops
# the emulator and removes its data. Callers install the trap. Clients find it through PUBSUB_EMULATOR_HOST.
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

start_throwaway_pubsub() {
    if ! command -v gcloud >/dev/null 2>&1; then
        echo "gcloud not found: the Pub/Sub emulator comes with the Google Cloud SDK (component pubsub-emulator)" >&2
        return 1
    fi
    OCPCTL_PUBSUB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-pubsub.XXXXXX")
    mkdir -p "$OCPCTL_PUBSUB_DIR/data"
    local port
    port=$(free_port)
    # Its own process group, so stopping it stops the JVM the gcloud wrapper starts.
    setsid gcloud beta emulators pubsub start --host-port="127.0.0.1:$port" --data-dir="$OCPCTL_PUBSUB_DIR/data" \
        >"$OCPCTL_PUBSUB_DIR/emulator.log" 2>&1 &
    OCPCTL_PUBSUB_PID=$!
    local tries=0
    until python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/v1/projects/probe/topics', timeout=1)" >/dev/null 2>&1; do
        tries=$((tries + 1))
        if ! kill -0 "$OCPCTL_PUBSUB_PID" 2>/dev/null || [ "$tries" -ge 300 ]; then
            echo "the Pub/Sub emulator did not start on 127.0.0.1:$port:" >&2
            cat "$OCPCTL_PUBSUB_DIR/emulator.log" >&2
            stop_throwaway_pubsub
            return 1
        fi
        sleep 0.2
    done
    OCPCTL_PUBSUB_HOST="127.0.0.1:$port"
    export OCPCTL_PUBSUB_DIR OCPCTL_PUBSUB_PID OCPCTL_PUBSUB_HOST
    echo "started a throwaway Pub/Sub emulator on $OCPCTL_PUBSUB_HOST" >&2
}

stop_throwaway_pubsub() {
    if [ -n "${OCPCTL_PUBSUB_PID:-}" ]; then
        kill -- "-$OCPCTL_PUBSUB_PID" 2>/dev/null || kill "$OCPCTL_PUBSUB_PID" 2>/dev/null || true
        wait "$OCPCTL_PUBSUB_PID" 2>/dev/null || true
        OCPCTL_PUBSUB_PID=
    fi
    if [ -n "${OCPCTL_PUBSUB_DIR:-}" ]; then
        rm -rf "$OCPCTL_PUBSUB_DIR"
    fi
}
