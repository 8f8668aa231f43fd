package io.diffpilot.ros1.msg;

import java.util.List;
import java.util.Objects;

/**
 * {@code diagnostic_msgs/DiagnosticStatus}: one component's health.
 *
 * @param level {@link #OK}, {@link #WARN}, {@link #ERROR} or {@link #STALE}
 * @param values key/value pairs, in order
 */
public record DiagnosticStatus(int level, String name, String message, String hardwareId, List<KeyValue> values)
    implements RosMessage {

  public static final int OK = 0;
  public static final int WARN = 1;
  public static final int ERROR = 2;
  public static final int STALE = 3;

  public DiagnosticStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hardwareId, "hardwareId");
    values = List.copyOf(values);
    if (level < OK || level > STALE) {
      throw new IllegalArgumentException("diagnostic level must be 0..3, got " + level);
    }
  }

  public static DiagnosticStatus read(RosReader in) {
    return new DiagnosticStatus(in.uint8(), in.string(), in.string(), in.string(), in.messages(KeyValue::read));
  }

  @Override
  public void write(RosWriter out) {
    out.uint8(level).string(name).string(message).string(hardwareId).messages(values);
  }

  /** The value of {@code key}, or null. */
  public String value(String key) {
    for (KeyValue kv : values) {
      if (kv.key().equals(key)) {
        return kv.value();
      }
    }
    return null;
  }

  /** {@code diagnostic_msgs/KeyValue}. */
  public record KeyValue(String key, String value) implements RosMessage {
    public KeyValue {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    public static KeyValue read(RosReader in) {
      return new KeyValue(in.string(), in.string());
    }

    @Override
    public void write(RosWriter out) {
      out.string(key).string(value);
    }
  }
}
