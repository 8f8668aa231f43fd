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
 * @param actionJointNames joint names of the published trajectories, one per action dimension
 *     (empty: {@code a0, a1, …}); a policy's inputs and outputs usually differ in width
 * @param actionTopic action chunks out, {@code trajectory_msgs/JointTrajectory}
 * @param statusTopic controller status out, {@code std_msgs/String} (JSON), latched
 * @param estopTopic emergency stop in, {@code std_msgs/Bool}
 */
public record RosTopics(
    String robotId, String observationTopic, ObservationType observationType, List<String> jointNames,
    List<String> actionJointNames, String actionTopic, String statusTopic, String estopTopic) {

  /** With the same names for observations and actions (a policy whose inputs are its outputs). */
  public RosTopics(String robotId, String observationTopic, ObservationType observationType, List<String> jointNames,
      String actionTopic, String statusTopic, String estopTopic) {
    this(robotId, observationTopic, observationType, jointNames, jointNames, actionTopic, statusTopic, estopTopic);
  }

  public RosTopics {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(observationType, "observationType");
    jointNames = List.copyOf(jointNames);
    actionJointNames = List.copyOf(actionJointNames);
    if (actionJointNames.stream().distinct().count() != actionJointNames.size()) {
      throw new IllegalArgumentException("action joint names must be distinct: " + actionJointNames);
    }
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

  /** The default topic names with separate observation and action joint names. */
  public static RosTopics defaults(String robotId, ObservationType type, List<String> jointNames, List<String> actionJointNames) {
    return new RosTopics(robotId, "observation", type, jointNames, actionJointNames, "action_chunk", "status", "estop");
  }
}
