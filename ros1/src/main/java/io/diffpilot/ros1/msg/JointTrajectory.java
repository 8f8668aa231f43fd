package io.diffpilot.ros1.msg;

import java.util.List;
import java.util.Objects;

/** {@code trajectory_msgs/JointTrajectory}: header, joint names [n], points. */
public record JointTrajectory(Header header, List<String> jointNames, List<JointTrajectoryPoint> points)
    implements RosMessage {

  public static final MessageType<JointTrajectory> TYPE =
      MessageType.of("trajectory_msgs/JointTrajectory", JointTrajectory::read);

  public JointTrajectory {
    Objects.requireNonNull(header, "header");
    jointNames = List.copyOf(jointNames);
    points = List.copyOf(points);
  }

  public static JointTrajectory read(RosReader in) {
    return new JointTrajectory(Header.read(in), in.stringArray(), in.messages(JointTrajectoryPoint::read));
  }

  @Override
  public void write(RosWriter out) {
    header.write(out);
    out.stringArray(jointNames).messages(points);
  }
}
