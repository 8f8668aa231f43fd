package io.diffpilot.ros1.msg;

import java.util.List;
import java.util.Objects;

/**
 * {@code sensor_msgs/JointState}: names [n] and position/velocity/effort, each [n] or empty.
 */
public record JointState(Header header, List<String> name, double[] position, double[] velocity, double[] effort)
    implements RosMessage {

  public static final MessageType<JointState> TYPE = MessageType.of("sensor_msgs/JointState", JointState::read);

  public JointState {
    Objects.requireNonNull(header, "header");
    name = List.copyOf(name);
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(velocity, "velocity");
    Objects.requireNonNull(effort, "effort");
  }

  public static JointState read(RosReader in) {
    return new JointState(Header.read(in), in.stringArray(), in.float64Array(), in.float64Array(), in.float64Array());
  }

  @Override
  public void write(RosWriter out) {
    header.write(out);
    out.stringArray(name).float64Array(position).float64Array(velocity).float64Array(effort);
  }
}
