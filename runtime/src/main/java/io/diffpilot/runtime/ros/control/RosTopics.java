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
 *     message's own order)
 * @param actionTopic action chunks out, {@code trajectory_msgs/JointTrajectory}
 * @param statusTopic controller status out, {@code std_msgs/String} (JSON), latched
 * @param estopTopic emergency stop in, {@code std_msgs/Bool}
 * @param actionNames joint names of the published trajectories, one per action value (empty:
 *     {@code a0, a1, …}); the outputs' own names, never the observation's
 */
public record RosTopics(
    String robotId, String observationTopic, ObservationType observationType, List<String> jointNames,
    String actionTopic, String statusTopic, String estopTopic, List<String> actionNames) {

  public RosTopics {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(observationType, "observationType");
    jointNames = List.copyOf(jointNames);
    actionNames = List.copyOf(actionNames);
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
    if (actionNames.stream().distinct().count() != actionNames.size()) {
      throw new IllegalArgumentException("action names must be distinct: " + actionNames);
    }
  }

  /** Trajectories named by the joint names, as before inputs and outputs had names of their own. */
  public RosTopics(String robotId, String observationTopic, ObservationType observationType, List<String> jointNames,
      String actionTopic, String statusTopic, String estopTopic) {
    this(robotId, observationTopic, observationType, jointNames, actionTopic, statusTopic, estopTopic, jointNames);
  }

  /** The same topics with these trajectory joint names. */
  public RosTopics withActionNames(List<String> names) {
    return new RosTopics(robotId, observationTopic, observationType, jointNames, actionTopic, statusTopic, estopTopic,
        names);
  }

  /** The default relative topic names: observation, action_chunk, status, estop. */
  public static RosTopics defaults(String robotId, ObservationType type, List<String> jointNames) {
    return new RosTopics(robotId, "observation", type, jointNames, "action_chunk", "status", "estop");
  }
}
