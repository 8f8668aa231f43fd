package io.diffpilot.ros1.msg;

import java.util.Objects;

/** {@code geometry_msgs/PoseStamped}: a header and a pose (position, orientation quaternion). */
public record PoseStamped(Header header, Pose pose) implements RosMessage {

  public static final MessageType<PoseStamped> TYPE = MessageType.of("geometry_msgs/PoseStamped", PoseStamped::read);

  /** {@code geometry_msgs/Pose}: position (x, y, z) and orientation (x, y, z, w). */
  public record Pose(double x, double y, double z, double qx, double qy, double qz, double qw) implements RosMessage {
    public static Pose read(RosReader in) {
      return new Pose(in.float64(), in.float64(), in.float64(), in.float64(), in.float64(), in.float64(), in.float64());
    }

    @Override
    public void write(RosWriter out) {
      out.float64(x).float64(y).float64(z).float64(qx).float64(qy).float64(qz).float64(qw);
    }
  }

  public PoseStamped {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(pose, "pose");
  }

  public static PoseStamped read(RosReader in) {
    return new PoseStamped(Header.read(in), Pose.read(in));
  }

  @Override
  public void write(RosWriter out) {
    header.write(out);
    pose.write(out);
  }
}
