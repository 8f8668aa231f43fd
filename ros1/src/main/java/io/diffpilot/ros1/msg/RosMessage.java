package io.diffpilot.ros1.msg;

/** A message that writes itself in ROS 1 wire format. */
public interface RosMessage {
  void write(RosWriter out);
}
