#!/usr/bin/python3
# Collects step_ms from DiffPilot's JSON status for N seconds after the first one; prints p50/max.
import sys, json, time, rospy
from std_msgs.msg import String
topic, secs = sys.argv[1], float(sys.argv[2])
vals, first = [], [None]
def cb(m):
    d = json.loads(m.data)
    if 'step_ms' in d:
        vals.append((d['step_ms'], d['last_steps_used'], d.get('inference', {}).get('kernel')))
        if first[0] is None: first[0] = time.time()
rospy.init_node('ab_collect', anonymous=True, disable_signals=True)
rospy.Subscriber(topic, String, cb)
t0 = time.time()
while time.time() - t0 < 240:
    if first[0] and time.time() - first[0] > secs: break
    time.sleep(0.2)
v = sorted(x[0] for x in vals)
if not v: print("no step_ms"); sys.exit(1)
print("n=%d p50=%.2f ms/step max=%.2f steps_fit_100ms=%d kernel=%s load=%s" % (len(v), v[len(v)//2], v[-1], int(100 // v[len(v)//2]), vals[-1][2], open('/proc/loadavg').read().split()[:3]))
