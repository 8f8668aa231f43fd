#!/usr/bin/env bash
# Builds the distribution tarballs (-Pdist) and checks them: the x86_64 one is unpacked into an
# empty folder and must serve the simulated robot (a tiny quickstart: embedded broker + sim robot
# + runtime, offline); the aarch64 one (no machine here can run it) must hold the aarch64 PyTorch
# natives and no x86_64 ones, the launcher, the configs and the same jars.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -Pdist package
version=$(sed -n 's|.*<version>\(.*\)</version>.*|\1|p' pom.xml | head -1)
x86="runtime/target/diffpilot-$version-linux-x86_64.tar.gz"
arm="runtime/target/diffpilot-$version-linux-aarch64.tar.gz"
ls -la "$x86" "$arm"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$x86" -C "$work"
root="$work/diffpilot-$version"
test -x "$root/bin/diffpilot"
ls "$root/lib" | grep -q 'pytorch-native-cpu-.*-linux-x86_64.jar'
(cd "$work" && HOME="$work/home" "$root/bin/diffpilot" quickstart --episodes 1 --max-steps 10 --out "$work/qs") | tee "$work/qs.log"
grep -q "latency observation -> chunk" "$work/qs.log"
test -s "$work/qs/rollout.gif"
contents=$(tar -tzf "$arm")
echo "$contents" | grep -q "diffpilot-$version/lib/pytorch-native-cpu-.*-linux-aarch64.jar"
! echo "$contents" | grep -q "linux-x86_64.jar"
echo "$contents" | grep -q "diffpilot-$version/bin/diffpilot"
echo "$contents" | grep -q "diffpilot-$version/launch/config/fake-embedded.yaml"
diff <(tar -tzf "$x86" | grep '/lib/' | grep -v -e pytorch-native-cpu -e netty-transport-native-epoll | sort) \
     <(echo "$contents" | grep '/lib/' | grep -v -e pytorch-native-cpu -e netty-transport-native-epoll | sort)
echo "dist OK: $x86 serves the simulated robot; $arm has the aarch64 natives"
