package io.diffpilot.ros1.msg;

import java.util.Objects;

/** {@code std_msgs/Float64MultiArray}: a layout and float64 data [n]. */
public record Float64MultiArray(MultiArrayLayout layout, double[] data) implements RosMessage {

  public static final MessageType<Float64MultiArray> TYPE =
      MessageType.of("std_msgs/Float64MultiArray", Float64MultiArray::read);

  public Float64MultiArray {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(data, "data");
  }

  public static Float64MultiArray read(RosReader in) {
    return new Float64MultiArray(MultiArrayLayout.read(in), in.float64Array());
  }

  @Override
  public void write(RosWriter out) {
    layout.write(out);
    out.float64Array(data);
  }
}
