package io.diffpilot.demos.rosbag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Decodes the numeric payload of a ROS 1 message into a float vector. ROS serialization is
 * little-endian without padding; strings and variable arrays are a uint32 count then the items.
 *
 * <ul>
 *   <li>{@code std_msgs/Float32MultiArray}, {@code std_msgs/Float64MultiArray}: {@code data}
 *       (the layout is read and skipped);</li>
 *   <li>{@code sensor_msgs/JointState}: {@code position} (header, names, velocity and effort are
 *       skipped);</li>
 *   <li>{@code trajectory_msgs/JointTrajectory}: the {@code positions} of its first point (the
 *       command to execute now, when a controller publishes chunks as trajectories).</li>
 * </ul>
 * The connection's MD5 must be the type's, so a same-named type of another definition is refused.
 */
public final class RosMessageDecoder {

  /** Supported types and their MD5 sums ({@code rosmsg md5}). */
  public static final Map<String, String> MD5 = Map.of(
      "std_msgs/Float32MultiArray", "6a40e0ffa6a17a503ac3f8616991b1f6",
      "std_msgs/Float64MultiArray", "4b7d974086d4060e7db4613a7e6c3ba4",
      "sensor_msgs/JointState", "3066dcd76a6cfaef579bd0f34173e9fd",
      "trajectory_msgs/JointTrajectory", "65b4f94a94d1ed67169da35a02f33d3f");

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
    ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    try {
      float[] out = switch (type) {
        case "std_msgs/Float32MultiArray" -> {
          skipLayout(b);
          float[] v = new float[count(b, 4)];
          for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
          }
          yield v;
        }
        case "std_msgs/Float64MultiArray" -> {
          skipLayout(b);
          yield doubles(b);
        }
        case "sensor_msgs/JointState" -> {
          b.getInt(); // header.seq
          b.getLong(); // header.stamp
          skipString(b); // header.frame_id
          int names = count(b, 4);
          for (int i = 0; i < names; i++) {
            skipString(b);
          }
          float[] position = doubles(b);
          skipDoubles(b); // velocity
          skipDoubles(b); // effort
          yield position;
        }
        case "trajectory_msgs/JointTrajectory" -> {
          b.getInt(); // header.seq
          b.getLong(); // header.stamp
          skipString(b); // header.frame_id
          int names = count(b, 4);
          for (int i = 0; i < names; i++) {
            skipString(b);
          }
          int points = count(b, 24);
          if (points == 0) {
            throw new IllegalArgumentException("JointTrajectory without points");
          }
          float[] first = null;
          for (int i = 0; i < points; i++) {
            float[] positions = doubles(b);
            skipDoubles(b); // velocities
            skipDoubles(b); // accelerations
            skipDoubles(b); // effort
            b.getLong(); // time_from_start
            if (first == null) {
              first = positions;
            }
          }
          yield first;
        }
        default -> throw new IllegalArgumentException("unsupported message type " + type);
      };
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " bytes left over after a " + type);
      }
      return out;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("message ends early for a " + type + " (" + body.length + " bytes)");
    }
  }

  /**
   * The component names one message carries: {@code name} of a JointState, {@code joint_names}
   * of a JointTrajectory; empty for the multi-arrays (their layout labels name dimensions, not
   * components).
   *
   * @throws IllegalArgumentException when the bytes do not parse as {@code type}
   */
  public static List<String> names(String type, byte[] body) {
    if (!type.equals("sensor_msgs/JointState") && !type.equals("trajectory_msgs/JointTrajectory")) {
      return List.of();
    }
    ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    try {
      b.getInt(); // header.seq
      b.getLong(); // header.stamp
      skipString(b); // header.frame_id
      int n = count(b, 4);
      List<String> names = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] text = new byte[count(b, 1)];
        b.get(text);
        names.add(new String(text, StandardCharsets.UTF_8));
      }
      return names;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("message ends early for a " + type + " (" + body.length + " bytes)");
    }
  }

  private static void skipLayout(ByteBuffer b) {
    int dims = count(b, 12);
    for (int i = 0; i < dims; i++) {
      skipString(b); // label
      b.getInt(); // size
      b.getInt(); // stride
    }
    b.getInt(); // data_offset
  }

  private static float[] doubles(ByteBuffer b) {
    float[] v = new float[count(b, 8)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) b.getDouble();
    }
    return v;
  }

  private static void skipDoubles(ByteBuffer b) {
    int n = count(b, 8);
    b.position(b.position() + n * 8);
  }

  private static void skipString(ByteBuffer b) {
    int n = count(b, 1);
    b.position(b.position() + n);
  }

  /** A uint32 count whose items (of at least {@code itemBytes} each) must fit in what remains. */
  private static int count(ByteBuffer b, int itemBytes) {
    long n = Integer.toUnsignedLong(b.getInt());
    if (n * itemBytes > b.remaining()) {
      throw new BufferUnderflowException();
    }
    return (int) n;
  }
}
