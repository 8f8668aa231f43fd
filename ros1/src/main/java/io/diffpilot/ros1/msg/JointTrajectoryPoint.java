package io.diffpilot.ros1.msg;

import java.util.Objects;

/**
 * {@code trajectory_msgs/JointTrajectoryPoint}: positions [n] (velocities, accelerations, effort
 * [n] or empty), reached at {@code timeFromStart} after the trajectory's header stamp.
 */
public record JointTrajectoryPoint(
    double[] positions, double[] velocities, double[] accelerations, double[] effort, RosDuration timeFromStart)
    implements RosMessage {

  public JointTrajectoryPoint {
    Objects.requireNonNull(positions, "positions");
    Objects.requireNonNull(velocities, "velocities");
    Objects.requireNonNull(accelerations, "accelerations");
    Objects.requireNonNull(effort, "effort");
    Objects.requireNonNull(timeFromStart, "timeFromStart");
  }

  /** A positions-only point. */
  public static JointTrajectoryPoint positions(double[] positions, RosDuration timeFromStart) {
    return new JointTrajectoryPoint(positions, new double[0], new double[0], new double[0], timeFromStart);
  }

  public static JointTrajectoryPoint read(RosReader in) {
    return new JointTrajectoryPoint(in.float64Array(), in.float64Array(), in.float64Array(), in.float64Array(), in.duration());
  }

  @Override
  public void write(RosWriter out) {
    out.float64Array(positions).float64Array(velocities).float64Array(accelerations).float64Array(effort).duration(timeFromStart);
  }
}
