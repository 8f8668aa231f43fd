package io.diffpilot.ros1.msg;

import java.util.Objects;

/** {@code std_msgs/Float32MultiArray}: a layout and float32 data [n]. */
public record Float32MultiArray(MultiArrayLayout layout, float[] data) implements RosMessage {

  public static final MessageType<Float32MultiArray> TYPE =
      MessageType.of("std_msgs/Float32MultiArray", Float32MultiArray::read);

  public Float32MultiArray {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(data, "data");
  }

  public static Float32MultiArray read(RosReader in) {
    return new Float32MultiArray(MultiArrayLayout.read(in), in.float32Array());
  }

  @Override
  public void write(RosWriter out) {
    layout.write(out);
    out.float32Array(data);
  }
}
