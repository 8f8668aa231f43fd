package io.diffpilot.runtime.ros.control;

import java.util.List;
import java.util.Objects;

/**
 * How one robot's DiffPilot traffic maps onto ROS topics. Topic names are relative by default
 * (resolved in the node's namespace, remappable with {@code observation:=/arm/obs}).
 *
 * @param robotId robot id used by the control loop and in the status
 * @param observationTopic observations in
 * @param observationType message type of the observations
 * @param jointNames for {@code JOINT_STATE}: the order of the observation vector (empty: the
 *     message's own order); also the joint names of the published trajectories
 * @param actionTopic action chunks out, {@code trajectory_msgs/JointTrajectory}
 * @param statusTopic controller status out, {@code std_msgs/String} (JSON), latched
 * @param estopTopic emergency stop in, {@code std_msgs/Bool}
 */
public record RosTopics(
    String robotId, String observationTopic, ObservationType observationType, List<String> jointNames,
    String actionTopic, String statusTopic, String estopTopic) {

  public RosTopics {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(observationType, "observationType");
    jointNames = List.copyOf(jointNames);
    for (String t : List.of(observationTopic, actionTopic, statusTopic, estopTopic)) {
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException("topic names must not be blank");
      }
    }
    if (robotId.isBlank()) {
      throw new IllegalArgumentException("robotId must not be blank");
    }
    if (jointNames.stream().distinct().count() != jointNames.size()) {
      throw new IllegalArgumentException("joint names must be distinct: " + jointNames);
    }
  }

  /** The default relative topic names: observation, action_chunk, status, estop. */
  public static RosTopics defaults(String robotId, ObservationType type, List<String> jointNames) {
    return new RosTopics(robotId, "observation", type, jointNames, "action_chunk", "status", "estop");
  }
}
