package io.diffpilot.runtime.ros.control;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.JointTrajectoryPoint;
import io.diffpilot.ros1.msg.RosDuration;
import io.diffpilot.ros1.msg.RosTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ActionChunk} [Ta][A] as a {@code trajectory_msgs/JointTrajectory}: header stamp =
 * time of the first action (robot clock, epoch ns), one point per action with positions [A] and
 * {@code time_from_start = i · step}, joint names from the configuration.
 */
public final class TrajectoryEncoder {

  private final List<String> jointNames;

  /** @param jointNames one name per action dimension; empty: {@code a0, a1, …} */
  public TrajectoryEncoder(List<String> jointNames) {
    this.jointNames = List.copyOf(jointNames);
  }

  /**
   * @param sequence header.seq (the controller's chunk sequence)
   * @throws IllegalArgumentException when the chunk's width differs from the joint names
   */
  public JointTrajectory encode(ActionChunk chunk, long sequence) {
    return encode(chunk, sequence, chunk.startNanos());
  }

  /**
   * With the header stamped {@code referenceNanos} (the stamp of the observation the chunk
   * answers, so a robot can match them), and each point's {@code time_from_start} measured from
   * it: point i is at {@code start − reference + i · step}, the same absolute times as without.
   */
  public JointTrajectory encode(ActionChunk chunk, long sequence, long referenceNanos) {
    List<String> names = jointNames;
    if (names.isEmpty()) {
      names = new ArrayList<>();
      for (int j = 0; j < chunk.actionDim(); j++) {
        names.add("a" + j);
      }
    } else if (names.size() != chunk.actionDim()) {
      throw new IllegalArgumentException("action chunk has width " + chunk.actionDim() + " but " + names.size()
          + " joint names are configured: " + names);
    }
    float[][] a = chunk.actions();
    List<JointTrajectoryPoint> points = new ArrayList<>(a.length);
    for (int i = 0; i < a.length; i++) {
      double[] p = new double[a[i].length];
      for (int j = 0; j < p.length; j++) {
        p[j] = a[i][j];
      }
      points.add(JointTrajectoryPoint.positions(p, RosDuration.ofNanos(chunk.startNanos() - referenceNanos + i * chunk.stepNanos())));
    }
    return new JointTrajectory(new Header(sequence & 0xffffffffL, RosTime.ofNanos(referenceNanos), ""), names, points);
  }

  /** The chunk back from a trajectory (for robots and tests); positions become [Ta][A]. */
  public static ActionChunk decode(JointTrajectory t) {
    if (t.points().isEmpty()) {
      throw new IllegalArgumentException("trajectory has no points");
    }
    float[][] a = new float[t.points().size()][];
    for (int i = 0; i < a.length; i++) {
      double[] p = t.points().get(i).positions();
      a[i] = new float[p.length];
      for (int j = 0; j < p.length; j++) {
        a[i][j] = (float) p[j];
      }
    }
    long step = t.points().size() > 1 ? t.points().get(1).timeFromStart().toNanos() - t.points().get(0).timeFromStart().toNanos() : 1;
    return new ActionChunk(t.header().stamp().toNanos() + t.points().get(0).timeFromStart().toNanos(), Math.max(step, 1), a, 0);
  }
}
