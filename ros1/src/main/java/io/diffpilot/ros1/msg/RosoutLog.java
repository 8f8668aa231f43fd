package io.diffpilot.ros1.msg;

import java.util.List;
import java.util.Objects;

/**
 * {@code rosgraph_msgs/Log}: one log line on {@code /rosout}, where {@code rqt_console} and
 * {@code rosout}'s aggregated {@code /rosout_agg} pick it up.
 *
 * @param level one of {@link #DEBUG}, {@link #INFO}, {@link #WARN}, {@link #ERROR}, {@link #FATAL}
 * @param name the node's full name
 * @param topics the topics the node publishes
 */
public record RosoutLog(Header header, int level, String name, String msg, String file, String function, long line,
    List<String> topics) implements RosMessage {

  public static final MessageType<RosoutLog> TYPE = MessageType.of("rosgraph_msgs/Log", RosoutLog::read);
  public static final int DEBUG = 1;
  public static final int INFO = 2;
  public static final int WARN = 4;
  public static final int ERROR = 8;
  public static final int FATAL = 16;

  public RosoutLog {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(msg, "msg");
    file = file == null ? "" : file;
    function = function == null ? "" : function;
    topics = List.copyOf(topics);
    if (level != DEBUG && level != INFO && level != WARN && level != ERROR && level != FATAL) {
      throw new IllegalArgumentException("rosout level must be 1, 2, 4, 8 or 16, got " + level);
    }
  }

  public static RosoutLog read(RosReader in) {
    return new RosoutLog(Header.read(in), in.uint8(), in.string(), in.string(), in.string(), in.string(), in.uint32(),
        in.stringArray());
  }

  @Override
  public void write(RosWriter out) {
    header.write(out);
    out.uint8(level).string(name).string(msg).string(file).string(function).uint32(line).stringArray(topics);
  }
}
