#!/usr/bin/env bash
# Installs the Debian packages DiffPilot's tests talk to, when missing: the real ROS 1 tools,
# mosquitto (the real MQTT broker), PyTorch for the reference fixtures and benchmarks, and
# Chromium for the teleoperation page. Idempotent; needs root (or sudo) and Debian 12.
set -euo pipefail
need=()
command -v roscore >/dev/null 2>&1 || need+=(ros-core python3-sensor-msgs python3-geometry-msgs python3-trajectory-msgs ros-std-msgs ros-sensor-msgs ros-geometry-msgs ros-trajectory-msgs)
# The ROS node's services (std_srvs) and diagnostics (diagnostic_msgs), for rosservice and rostopic.
/usr/bin/python3 -c 'import std_srvs.srv, diagnostic_msgs.msg' >/dev/null 2>&1 || need+=(python3-std-srvs python3-diagnostic-msgs ros-std-srvs ros-diagnostic-msgs)
command -v mosquitto >/dev/null 2>&1 || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || need+=(python3-torch)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if ((${#need[@]})); then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "installing test dependencies: ${need[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=900 "${need[@]}"
fi
# The mosquitto package starts a system broker on 1883; tests start their own on free ports.
