#!/usr/bin/env bash
# Runs every test. This is the README's test command and what CI runs.
# Starts a throwaway PostgreSQL so the store conformance suite runs on both backends, and a throwaway
# moto server for the AWS client tests, and a throwaway Pub/Sub emulator for the event tests, and stops them on exit. Extra arguments go to both
# `swift build` and `swift test` (e.g. --scratch-path DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/lib/postgres.sh
source hack/lib/moto.sh
source hack/lib/pubsub.sh
source hack/lib/pytools.sh

# The SQLite driver builds against the system library's headers.
if [ ! -f /usr/include/sqlite3.h ] && [ "${CI:-}" = "true" ] && command -v apt-get >/dev/null 2>&1; then
    echo "sqlite3.h not found: installing libsqlite3-dev (CI=true)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsqlite3-dev >&2
fi

# The web console's browser test drives a headless Chromium through chromedriver (Debian: chromium, chromium-driver).
if { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; } && [ "${CI:-}" = "true" ] && command -v apt-get >/dev/null 2>&1; then
    echo "chromium or chromedriver not found: installing chromium and chromium-driver (CI=true)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2
fi
if [ "${CI:-}" = "true" ] && { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }; then
    echo "error: chromium and chromedriver are needed; on CI the browser test must run" >&2
    exit 1
fi

trap 'stop_throwaway_postgres; stop_throwaway_moto; stop_throwaway_pubsub' EXIT
if [ -z "${OCPCTL_TEST_POSTGRES_URL:-}" ]; then
    if start_throwaway_postgres; then
        export OCPCTL_TEST_POSTGRES_URL="$OCPCTL_PG_URL"
    elif [ "${CI:-}" = "true" ]; then
        echo "error: could not start PostgreSQL; on CI the PostgreSQL tests must run" >&2
        exit 1
    else
        echo "warning: PostgreSQL not available; its tests will be reported as disabled" >&2
    fi
fi

if [ -z "${OCPCTL_TEST_MOTO_URL:-}" ]; then
    if start_throwaway_moto; then
        export OCPCTL_TEST_MOTO_URL="$OCPCTL_MOTO_URL"
    elif [ "${CI:-}" = "true" ]; then
        echo "error: could not start moto; on CI the AWS client tests must run" >&2
        exit 1
    else
        echo "warning: moto not available; the AWS client tests will be reported as disabled" >&2
    fi
fi

if [ -z "${OCPCTL_TEST_PUBSUB_HOST:-}" ]; then
    if start_throwaway_pubsub; then
        export OCPCTL_TEST_PUBSUB_HOST="$OCPCTL_PUBSUB_HOST"
    elif [ "${CI:-}" = "true" ]; then
        echo "error: could not start the Pub/Sub emulator; on CI the event tests must run" >&2
        exit 1
    else
        echo "warning: the Pub/Sub emulator is not available; the event tests will be reported as disabled" >&2
    fi
fi

if ! ensure_python_tools; then
    if [ "${CI:-}" = "true" ]; then
        echo "error: schemathesis, openapi-spec-validator, kubernetes or selenium (PyPI) is missing; on CI their tests must run" >&2
        exit 1
    fi
    echo "warning: pip install schemathesis openapi-spec-validator kubernetes selenium, or the tests that use them fail" >&2
fi

# Test-only options (--filter X, --skip X) go to `swift test` alone; the rest go to both.
build_args=()
test_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --filter|--skip) test_args+=("$1" "$2"); shift 2 ;;
        *) build_args+=("$1"); test_args+=("$1"); shift ;;
    esac
done

swift build ${build_args[@]+"${build_args[@]}"}
status=0
if [ ${#test_args[@]} -gt ${#build_args[@]} ]; then
    swift test ${test_args[@]+"${test_args[@]}"} || status=$?
else
    # Everything else in parallel first, then the end-to-end suites that load the machine (servers, emulators, a
    # browser, bursts), one after another, so none starves another's timing of the two cores CI has.
    swift test ${test_args[@]+"${test_args[@]}"} --skip LoadedEndToEnd || status=$?
    swift test ${test_args[@]+"${test_args[@]}"} --skip-build --filter LoadedEndToEnd || status=$?
fi
exit "$status"
