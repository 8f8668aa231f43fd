#!/usr/bin/python3
"""Publishes Push-T episodes at 10 Hz as a teleoperation node would, for RosbagRecordTest.

Usage: publish_pusht_episodes.py EPISODES.json
EPISODES.json: {"episodes": [{"obs": [[5 floats] per step], "action": [[2 floats] per step]}]}

Per episode: a std_msgs/String marker on /pusht/episode, then one Float32MultiArray on
/pusht/obs and one on /pusht/action per step, 100 ms apart (seeded jitter of +-3 ms), with the
two hiccups a real recording shows: the last step of every episode goes out 3 ms early, and in
the second episode observation 40 is held back and goes out with observation 41, in the same
millisecond. Prints one line per episode with the steps sent.
"""
import json
import random
import sys
import time

import rospy
from std_msgs.msg import Float32MultiArray, String

PERIOD = 0.1


def main():
    episodes = json.load(open(sys.argv[1]))["episodes"]
    rospy.init_node("pusht_teleop", anonymous=True, disable_signals=True)
    obs_pub = rospy.Publisher("/pusht/obs", Float32MultiArray, queue_size=1000)
    act_pub = rospy.Publisher("/pusht/action", Float32MultiArray, queue_size=1000)
    marker_pub = rospy.Publisher("/pusht/episode", String, queue_size=10)
    deadline = time.monotonic() + 60
    while min(p.get_num_connections() for p in (obs_pub, act_pub, marker_pub)) < 1:
        if time.monotonic() > deadline:
            print("no subscriber (rosbag record) after 60 s", flush=True)
            sys.exit(3)
        time.sleep(0.05)
    time.sleep(1.0)  # let the recorder's connections settle before the first marker
    rng = random.Random(7)
    for e, ep in enumerate(episodes):
        marker_pub.publish(String(data="start %d" % e))
        start = time.monotonic() + 0.5
        n = len(ep["action"])
        late = []
        for k in range(n):
            due = start + k * PERIOD + rng.uniform(-0.003, 0.003)
            if k == n - 1:
                due -= 0.003
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if e == 1 and k == 40:
                late.append(Float32MultiArray(data=ep["obs"][k]))  # held back until observation 41
            else:
                for held in late:
                    obs_pub.publish(held)
                late = []
                obs_pub.publish(Float32MultiArray(data=ep["obs"][k]))
            act_pub.publish(Float32MultiArray(data=ep["action"][k]))
        print("episode %d: %d steps" % (e, n), flush=True)
        time.sleep(1.5)
    time.sleep(1.0)  # the recorder drains its queue before it is stopped


if __name__ == "__main__":
    main()
