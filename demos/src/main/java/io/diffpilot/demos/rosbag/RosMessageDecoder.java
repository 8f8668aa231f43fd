package io.diffpilot.demos.rosbag;

import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.Float64MultiArray;
import io.diffpilot.ros1.msg.JointState;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.MalformedMessageException;
import io.diffpilot.ros1.msg.MessageType;
import io.diffpilot.ros1.msg.RosMessage;
import io.diffpilot.ros1.msg.RosReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The float vector a ROS 1 message carries, decoded with the ROS 1 client's message types (the
 * codec the runtime speaks on the wire), so a bag is read exactly as the live topic would be.
 *
 * <ul>
 *   <li>{@code std_msgs/Float32MultiArray}, {@code std_msgs/Float64MultiArray}: {@code data}
 *       (the layout is read and dropped);</li>
 *   <li>{@code sensor_msgs/JointState}: {@code position} (velocity and effort are dropped);</li>
 *   <li>{@code trajectory_msgs/JointTrajectory}: the {@code positions} of its first point (the
 *       command to execute now, when a controller publishes chunks as trajectories).</li>
 * </ul>
 * The connection's MD5 must be the type's, so a same-named type of another definition is refused.
 */
public final class RosMessageDecoder {

  /** How one supported type yields its vector and the names of its components. */
  private record Vector<T extends RosMessage>(MessageType<T> type, Function<T, float[]> values,
      Function<T, List<String>> names) {}

  private static final Map<String, Vector<?>> SUPPORTED = index(
      new Vector<>(Float32MultiArray.TYPE, Float32MultiArray::data, m -> List.of()),
      new Vector<>(Float64MultiArray.TYPE, m -> floats(m.data()), m -> List.of()),
      new Vector<>(JointState.TYPE, m -> floats(m.position()), JointState::name),
      new Vector<>(JointTrajectory.TYPE, RosMessageDecoder::firstPositions, JointTrajectory::jointNames));

  /** Supported types and their MD5 sums ({@code rosmsg md5}), from the client's bundled definitions. */
  public static final Map<String, String> MD5 = md5s();

  private RosMessageDecoder() {}

  /** Whether {@code connection}'s type can be decoded; throws with the reason if not. */
  public static void checkSupported(BagConnection connection) {
    String md5 = MD5.get(connection.type());
    if (md5 == null) {
      throw new IllegalArgumentException("topic " + connection.topic() + " has type " + connection.type()
          + "; supported: " + MD5.keySet());
    }
    if (!connection.md5sum().isEmpty() && !connection.md5sum().equals("*") && !connection.md5sum().equals(md5)) {
      throw new IllegalArgumentException("topic " + connection.topic() + ": " + connection.type() + " md5 "
          + connection.md5sum() + " differs from the known " + md5);
    }
  }

  /**
   * The vector carried by one message.
   *
   * @throws IllegalArgumentException when the bytes do not parse as {@code type}
   */
  public static float[] decode(String type, byte[] body) {
    return vectorOf(supported(type), body);
  }

  /**
   * The component names one message carries: {@code name} of a JointState, {@code joint_names}
   * of a JointTrajectory; empty for the multi-arrays (their layout labels name dimensions, not
   * components).
   *
   * @throws IllegalArgumentException when the bytes do not parse as {@code type}
   */
  public static List<String> names(String type, byte[] body) {
    return namesOf(supported(type), body);
  }

  private static Vector<?> supported(String type) {
    Vector<?> v = SUPPORTED.get(type);
    if (v == null) {
      throw new IllegalArgumentException("unsupported message type " + type);
    }
    return v;
  }

  private static <T extends RosMessage> float[] vectorOf(Vector<T> v, byte[] body) {
    return v.values().apply(parse(v.type(), body));
  }

  private static <T extends RosMessage> List<String> namesOf(Vector<T> v, byte[] body) {
    return v.names().apply(parse(v.type(), body));
  }

  /** One whole message: a short body ends early, a long one leaves bytes over; both are refused. */
  private static <T extends RosMessage> T parse(MessageType<T> type, byte[] body) {
    RosReader in = new RosReader(body);
    T message;
    try {
      message = type.decoder().apply(in);
    } catch (MalformedMessageException e) {
      throw new IllegalArgumentException("message ends early for a " + type.name() + " (" + body.length + " bytes)", e);
    }
    if (in.remaining() > 0) {
      throw new IllegalArgumentException(in.remaining() + " bytes left over after a " + type.name());
    }
    return message;
  }

  private static float[] firstPositions(JointTrajectory t) {
    if (t.points().isEmpty()) {
      throw new IllegalArgumentException("JointTrajectory without points");
    }
    return floats(t.points().get(0).positions());
  }

  private static float[] floats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static Map<String, Vector<?>> index(Vector<?>... vectors) {
    Map<String, Vector<?>> out = new LinkedHashMap<>();
    for (Vector<?> v : vectors) {
      out.put(v.type().name(), v);
    }
    return Map.copyOf(out);
  }

  private static Map<String, String> md5s() {
    Map<String, String> out = new LinkedHashMap<>();
    SUPPORTED.forEach((name, v) -> out.put(name, v.type().md5()));
    return Map.copyOf(out);
  }
}
