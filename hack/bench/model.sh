#!/usr/bin/env bash
# Planner decisions/s and manifest documents decoded/s on one core, in a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product ocpctl-bench-model
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
"${pin[@]}" "$(swift build -c release --show-bin-path)/ocpctl-bench-model"
