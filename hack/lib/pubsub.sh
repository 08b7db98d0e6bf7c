# Starts a throwaway Google Cloud Pub/Sub emulator (from the Google Cloud SDK, which needs Java) for the
# event tests and benchmark; source this file, then call start_throwaway_pubsub. It sets
# OCPCTL_PUBSUB_HOST (127.0.0.1:PORT), OCPCTL_PUBSUB_PID and OCPCTL_PUBSUB_DIR; stop_throwaway_pubsub stops
# the emulator and removes its data. Callers install the trap. Clients find it through PUBSUB_EMULATOR_HOST.
# Only a shell should call this: the emulator outlives the call and keeps the caller's open files, so a program that
# waits for a child to close them (Foundation's Process does) would wait for the emulator to end. The Swift tests
# start their own emulator as a child of their own (Tests/EndToEndTests/Support/EmulatorProcess.swift).
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

# The emulator runs on Java: on CI a missing runtime is installed from Debian's packages.
ensure_java() {
    if ! command -v java >/dev/null 2>&1 && [ "${CI:-}" = "true" ]; then
        echo "java not found: installing default-jre-headless (CI=true)" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >&2
    fi
    command -v java >/dev/null 2>&1 || { echo "java not found: the Pub/Sub emulator needs a Java runtime" >&2; return 1; }
}

start_throwaway_pubsub() {
    if ! command -v gcloud >/dev/null 2>&1; then
        echo "gcloud not found: the Pub/Sub emulator comes with the Google Cloud SDK (component pubsub-emulator)" >&2
        return 1
    fi
    ensure_java || return 1
    OCPCTL_PUBSUB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-pubsub.XXXXXX")
    mkdir -p "$OCPCTL_PUBSUB_DIR/data"
    local port
    port=$(free_port)
    # Its own process group, so stopping it stops the JVM the gcloud wrapper starts. No prompt: there is no one to answer.
    CLOUDSDK_CORE_DISABLE_PROMPTS=1 setsid gcloud beta emulators pubsub start --host-port="127.0.0.1:$port" --data-dir="$OCPCTL_PUBSUB_DIR/data" \
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
        # A frozen emulator (SIGSTOP) is thawed first, or it would never act on the SIGTERM.
        kill -CONT -- "-$OCPCTL_PUBSUB_PID" 2>/dev/null || true
        kill -- "-$OCPCTL_PUBSUB_PID" 2>/dev/null || kill "$OCPCTL_PUBSUB_PID" 2>/dev/null || true
        wait "$OCPCTL_PUBSUB_PID" 2>/dev/null || true
        OCPCTL_PUBSUB_PID=
    fi
    if [ -n "${OCPCTL_PUBSUB_DIR:-}" ]; then
        rm -rf "$OCPCTL_PUBSUB_DIR"
    fi
}
