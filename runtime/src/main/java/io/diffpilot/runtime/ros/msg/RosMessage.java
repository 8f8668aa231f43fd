package io.diffpilot.runtime.ros.msg;

/** A message that writes itself in ROS 1 wire format. */
public interface RosMessage {
  void write(RosWriter out);
}
