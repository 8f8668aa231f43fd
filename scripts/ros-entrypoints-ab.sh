#!/bin/bash
# A/B: ms per denoising step of the bundled model under roslaunch (sim_pusht.launch) and under
# ./diffpilot, one after the other on a private roscore (launch/README.md has the figures).
# Needs the build (mvn -q -DskipTests -Ddist.skip package) and Debian's ROS 1 tools.
set -u
repo="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
work="$(mktemp -d)"
port=$(/usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
export ROS_MASTER_URI=http://127.0.0.1:$port ROS_IP=127.0.0.1 ROS_HOME=$work/home PATH=/usr/bin:/bin:$PATH
mkdir -p $ROS_HOME $work/ws; ln -sfn $repo/launch $work/ws/diffpilot
roscore -p $port > $work/roscore.out 2>&1 & core=$!
until rostopic list >/dev/null 2>&1; do sleep 1; done
run_launch() {
  ROS_PACKAGE_PATH=$work/ws nice -n 10 roslaunch diffpilot sim_pusht.launch max_steps:=6000 > $work/launch.out 2>&1 & local l=$!
  echo -n "roslaunch:  "; /usr/bin/python3 $repo/scripts/ros-step-ms.py /pusht/diffpilot_status 15
  kill -INT $l; wait $l
}
run_direct() {
  nice -n 10 $repo/diffpilot ros-node --model $repo/models/pusht-keypoints --robot-id pusht --budget-ms 100 --joint-names x,y \
     __name:=diffpilot_pusht __ns:=/pusht status:=/pusht/diffpilot_status > $work/node.out 2>&1 & local n=$!
  nice -n 10 $repo/diffpilot ros-sim-robot --max-steps 6000 __name:=pusht_sim __ns:=/pusht > $work/sim.out 2>&1 & local s=$!
  echo -n "./diffpilot: "; /usr/bin/python3 $repo/scripts/ros-step-ms.py /pusht/diffpilot_status 15
  kill -INT $n $s; wait $n $s
}
run_launch; run_direct
kill -INT $core; wait $core
