# Starts a throwaway moto server (AWS APIs on loopback) for the OCPAWS tests; source this file, then call
# start_throwaway_moto. It sets OCPCTL_MOTO_URL (http://127.0.0.1:PORT), OCPCTL_MOTO_PID and OCPCTL_MOTO_DIR,
# and stop_throwaway_moto stops the server and removes its log. Callers install the trap.
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

# Makes `python3 -m moto.server` importable, installing moto[server] with pip on CI when it is missing.
ensure_moto() {
    if python3 -c 'import moto.server' >/dev/null 2>&1; then
        return 0
    fi
    if [ "${CI:-}" = "true" ]; then
        echo "moto not found: installing moto[server] (CI=true)" >&2
        python3 -m pip install -q 'moto[server]' >&2 || return 1
    fi
    python3 -c 'import moto.server' >/dev/null 2>&1
}

start_throwaway_moto() {
    ensure_moto || return 1
    OCPCTL_MOTO_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ocpctl-moto.XXXXXX")
    local port
    port=$(free_port)
    # moto.server, with presigned STS requests readable (see moto_server.py).
    python3 "$(dirname "${BASH_SOURCE[0]}")/moto_server.py" -H 127.0.0.1 -p "$port" >"$OCPCTL_MOTO_DIR/server.log" 2>&1 &
    OCPCTL_MOTO_PID=$!
    local url="http://127.0.0.1:$port"
    local tries=0
    until python3 -c "import urllib.request; urllib.request.urlopen('$url/moto-api/', timeout=1)" >/dev/null 2>&1; do
        tries=$((tries + 1))
        if ! kill -0 "$OCPCTL_MOTO_PID" 2>/dev/null || [ "$tries" -ge 150 ]; then
            echo "moto did not start on $url:" >&2
            cat "$OCPCTL_MOTO_DIR/server.log" >&2
            stop_throwaway_moto
            return 1
        fi
        sleep 0.2
    done
    OCPCTL_MOTO_URL=$url
    export OCPCTL_MOTO_DIR OCPCTL_MOTO_PID OCPCTL_MOTO_URL
    echo "started throwaway moto $(python3 -c 'import moto; print(moto.__version__)') on 127.0.0.1:$port" >&2
}

stop_throwaway_moto() {
    if [ -n "${OCPCTL_MOTO_PID:-}" ]; then
        kill "$OCPCTL_MOTO_PID" 2>/dev/null || true
        wait "$OCPCTL_MOTO_PID" 2>/dev/null || true
        OCPCTL_MOTO_PID=
    fi
    if [ -n "${OCPCTL_MOTO_DIR:-}" ]; then
        rm -rf "$OCPCTL_MOTO_DIR"
    fi
}
