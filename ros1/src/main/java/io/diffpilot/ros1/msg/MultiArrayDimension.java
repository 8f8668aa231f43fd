package io.diffpilot.ros1.msg;

/** {@code std_msgs/MultiArrayDimension}: label, size and stride (uint32). */
public record MultiArrayDimension(String label, long size, long stride) implements RosMessage {

  public static MultiArrayDimension read(RosReader in) {
    return new MultiArrayDimension(in.string(), in.uint32(), in.uint32());
  }

  @Override
  public void write(RosWriter out) {
    out.string(label).uint32(size).uint32(stride);
  }
}
