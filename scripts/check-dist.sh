#!/usr/bin/env bash
# Builds the distribution tarballs and runs only their check, DistributionIT (tools module): the
# x86_64 tarball unpacked into an empty folder serves the simulated robot offline; the aarch64 one
# holds AArch64 libtorch and otherwise the same files. `mvn verify` (scripts/test.sh, CI) runs the
# same test with everything else; this is the quick way (about a minute) after touching the dist.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp -pl tools -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=DistributionIT "$@"
