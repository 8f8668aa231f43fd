package io.diffpilot.runtime.ros.control;

/** The ROS message a robot sends its observations as. */
public enum ObservationType {
  /** {@code std_msgs/Float32MultiArray}: the flattened observation vector as is. */
  FLOAT32,
  /** {@code sensor_msgs/JointState}: positions, reordered by the configured joint names. */
  JOINT_STATE;

  /** Parses {@code float32} / {@code joint_state} (as the launch files write them). */
  public static ObservationType parse(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "float32", "float32multiarray", "std_msgs/float32multiarray" -> FLOAT32;
      case "joint_state", "jointstate", "sensor_msgs/jointstate" -> JOINT_STATE;
      default -> throw new IllegalArgumentException("observation type must be float32 or joint_state, got '" + text + "'");
    };
  }
}
