package io.diffpilot.ros1.msg;

import java.util.Objects;

/** {@code std_msgs/String}. */
public record StringMessage(String data) implements RosMessage {

  public static final MessageType<StringMessage> TYPE = MessageType.of("std_msgs/String", StringMessage::read);

  public StringMessage {
    Objects.requireNonNull(data, "data");
  }

  public static StringMessage read(RosReader in) {
    return new StringMessage(in.string());
  }

  @Override
  public void write(RosWriter out) {
    out.string(data);
  }
}
