package io.diffpilot.ros1.msg;

import java.util.Objects;

/** {@code std_msgs/Header}: sequence (uint32), stamp, frame id. */
public record Header(long seq, RosTime stamp, String frameId) implements RosMessage {

  public static final MessageType<Header> TYPE = MessageType.of("std_msgs/Header", Header::read);

  public Header {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(frameId, "frameId");
  }

  public static Header read(RosReader in) {
    return new Header(in.uint32(), in.time(), in.string());
  }

  @Override
  public void write(RosWriter out) {
    out.uint32(seq).time(stamp).string(frameId);
  }
}
