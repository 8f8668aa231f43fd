package io.diffpilot.ros1.msg;

/** {@code std_msgs/Bool}. */
public record BoolMessage(boolean data) implements RosMessage {

  public static final MessageType<BoolMessage> TYPE = MessageType.of("std_msgs/Bool", BoolMessage::read);

  public static BoolMessage read(RosReader in) {
    return new BoolMessage(in.bool());
  }

  @Override
  public void write(RosWriter out) {
    out.bool(data);
  }
}
