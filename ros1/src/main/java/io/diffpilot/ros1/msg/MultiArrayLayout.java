package io.diffpilot.ros1.msg;

import java.util.List;

/** {@code std_msgs/MultiArrayLayout}: dimensions, outermost first, and a data offset. */
public record MultiArrayLayout(List<MultiArrayDimension> dim, long dataOffset) implements RosMessage {

  /** No dimensions: a flat vector, as {@code rostopic pub "{data: [...]}"} sends. */
  public static final MultiArrayLayout FLAT = new MultiArrayLayout(List.of(), 0);

  public MultiArrayLayout {
    dim = List.copyOf(dim);
  }

  public static MultiArrayLayout read(RosReader in) {
    return new MultiArrayLayout(in.messages(MultiArrayDimension::read), in.uint32());
  }

  @Override
  public void write(RosWriter out) {
    out.messages(dim).uint32(dataOffset);
  }
}
