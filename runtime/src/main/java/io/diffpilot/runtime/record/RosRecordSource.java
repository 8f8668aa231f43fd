package io.diffpilot.runtime.record;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Observation;
import io.diffpilot.runtime.ros.control.ObservationDecoder;
import io.diffpilot.runtime.ros.control.ObservationType;
import io.diffpilot.runtime.ros.control.TrajectoryEncoder;
import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.JointState;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.JointTrajectoryPoint;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.msg.StringMessage;
import io.diffpilot.ros1.node.RosNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Feeds a {@link LiveRecorder} from ROS 1 topics on a started {@link RosNode}: observations
 * ({@code Float32MultiArray} or {@code JointState}, decoded by the runtime's
 * {@link ObservationDecoder}), commanded actions, and {@code std_msgs/String} commands on a marker
 * topic ({@code start [task]}, {@code save}, {@code discard}).
 *
 * <p>Time stamps: a {@code Float32MultiArray} has no header, so it is stamped with its arrival
 * time (ROS wall clock); a {@code JointState} with its header stamp (arrival when 0); a
 * {@code JointTrajectory} with header stamp + the point's {@code time_from_start} (arrival when
 * the header stamp is 0). Observation and action should therefore use the same kind of clock.
 */
public final class RosRecordSource {

  /** How the action topic is read. */
  public enum ActionType {
    /** {@code std_msgs/Float32MultiArray}: one message is one commanded action (one step). */
    FLOAT32,
    /** {@code trajectory_msgs/JointTrajectory}: its first point is the commanded action (one step). */
    JOINT_TRAJECTORY,
    /**
     * {@code trajectory_msgs/JointTrajectory} as DiffPilot publishes chunks: the action scheduled
     * at each observation's time is recorded ({@link LiveRecorder}'s chunk rule).
     */
    TRAJECTORY_CHUNK;

    /** Parses {@code float32}, {@code joint_trajectory} or {@code chunk}. */
    public static ActionType parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "float32", "float32multiarray", "std_msgs/float32multiarray" -> FLOAT32;
        case "joint_trajectory", "jointtrajectory", "trajectory_msgs/jointtrajectory" -> JOINT_TRAJECTORY;
        case "chunk", "trajectory_chunk" -> TRAJECTORY_CHUNK;
        default -> throw new IllegalArgumentException("action type must be float32, joint_trajectory or chunk, got '" + text + "'");
      };
    }
  }

  /**
   * @param observationTopic observation topic (relative names resolve in the node's namespace)
   * @param jointNames for JointState observations: the order of the vector (empty: message order)
   * @param actionTopic commanded actions
   * @param markerTopic {@code std_msgs/String} recording commands
   */
  public record Topics(String observationTopic, ObservationType observationType, List<String> jointNames,
      String actionTopic, ActionType actionType, String markerTopic) {
    public Topics {
      Objects.requireNonNull(observationType, "observationType");
      Objects.requireNonNull(actionType, "actionType");
      jointNames = List.copyOf(jointNames);
      for (String t : new String[] {observationTopic, actionTopic, markerTopic}) {
        if (t == null || t.isBlank()) {
          throw new IllegalArgumentException("topic names must not be blank");
        }
      }
    }
  }

  private RosRecordSource() {}

  /** Subscribes the three topics; messages flow into {@code recorder} until the node closes. */
  public static void attach(RosNode node, Topics topics, LiveRecorder recorder) {
    ObservationDecoder decoder = new ObservationDecoder(topics.jointNames());
    String obsTopic = node.resolve(topics.observationTopic());
    String actTopic = node.resolve(topics.actionTopic());
    switch (topics.observationType()) {
      case FLOAT32 -> node.subscribe(topics.observationTopic(), Float32MultiArray.TYPE,
          m -> guard(recorder, obsTopic, () -> observe(recorder, decoder.fromFloat32(m, RosTime.now().toNanos()))));
      case JOINT_STATE -> node.subscribe(topics.observationTopic(), JointState.TYPE,
          m -> guard(recorder, obsTopic, () -> observe(recorder, decoder.fromJointState(m, RosTime.now().toNanos()))));
    }
    switch (topics.actionType()) {
      case FLOAT32 -> node.subscribe(topics.actionTopic(), Float32MultiArray.TYPE,
          m -> guard(recorder, actTopic, () -> recorder.action(RosTime.now().toNanos(), m.data().clone())));
      case JOINT_TRAJECTORY -> node.subscribe(topics.actionTopic(), JointTrajectory.TYPE,
          m -> guard(recorder, actTopic, () -> firstPoint(recorder, m, RosTime.now().toNanos())));
      case TRAJECTORY_CHUNK -> node.subscribe(topics.actionTopic(), JointTrajectory.TYPE,
          m -> guard(recorder, actTopic, () -> recorder.chunk(chunk(m, RosTime.now().toNanos()))));
    }
    node.subscribe(topics.markerTopic(), StringMessage.TYPE, m -> recorder.command(m.data()));
  }

  private static void observe(LiveRecorder recorder, Observation o) {
    recorder.observation(o.captureNanos(), o.state());
  }

  private static void firstPoint(LiveRecorder recorder, JointTrajectory t, long arrivalNanos) {
    if (t.points().isEmpty()) {
      throw new IllegalArgumentException("JointTrajectory has no points");
    }
    JointTrajectoryPoint p = t.points().get(0);
    long stamp = t.header().stamp().toNanos();
    float[] a = new float[p.positions().length];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) p.positions()[i];
    }
    recorder.action(stamp == 0 ? arrivalNanos : stamp + p.timeFromStart().toNanos(), a);
  }

  private static ActionChunk chunk(JointTrajectory t, long arrivalNanos) {
    ActionChunk c = TrajectoryEncoder.decode(t); // throws on ragged rows and non-finite positions
    if (t.header().stamp().toNanos() == 0) {
      return new ActionChunk(arrivalNanos + c.startNanos(), c.stepNanos(), c.actions(), 0);
    }
    return c;
  }

  private static void guard(LiveRecorder recorder, String topic, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      recorder.malformed(topic, e.getMessage());
    }
  }
}
