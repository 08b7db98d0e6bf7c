# Python test tools from PyPI: schemathesis and openapi-spec-validator for the /api/v1 contract test, the
# kubernetes client for the dynamic-client test, and selenium for the web console's browser test.
# Source this file, then call ensure_python_tools: under CI=true it installs what is missing and fails when it cannot.
ensure_python_tools() {
    local check='import schemathesis, openapi_spec_validator, jsonschema, referencing, kubernetes, selenium'
    if python3 -c "$check" >/dev/null 2>&1; then
        return 0
    fi
    if [ "${CI:-}" = "true" ]; then
        echo "installing schemathesis, openapi-spec-validator, kubernetes and selenium (CI=true)" >&2
        python3 -m pip install -q schemathesis openapi-spec-validator kubernetes selenium >&2 || return 1
    fi
    python3 -c "$check" >/dev/null 2>&1
}
