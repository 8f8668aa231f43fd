#!/usr/bin/env bash
# The whole test suite: installs what the tests need when missing, then runs Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
mvn -B -ntp verify "$@"
