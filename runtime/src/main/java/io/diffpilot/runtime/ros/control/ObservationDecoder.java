package io.diffpilot.runtime.ros.control;

import io.diffpilot.core.Observation;
import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.JointState;
import java.util.List;

/**
 * ROS observation messages to core {@link Observation}s. Capture times are on the robot's clock
 * as ROS sees it (epoch ns): the JointState header stamp, or the arrival wall time for a
 * Float32MultiArray, which has no header. Sequence numbers count arrivals (TCPROS keeps a
 * publisher's order), because many publishers leave {@code header.seq} at 0.
 */
public final class ObservationDecoder {

  private final List<String> jointNames;
  private long sequence;

  /** @param jointNames observation order for JointState; empty: the message's own order */
  public ObservationDecoder(List<String> jointNames) {
    this.jointNames = List.copyOf(jointNames);
  }

  public synchronized Observation fromFloat32(Float32MultiArray m, long arrivalEpochNanos) {
    return new Observation(++sequence, arrivalEpochNanos, m.data().clone());
  }

  /**
   * @throws IllegalArgumentException naming the joint or field when the message does not fit
   */
  public synchronized Observation fromJointState(JointState m, long arrivalEpochNanos) {
    if (m.position().length != m.name().size()) {
      throw new IllegalArgumentException("JointState has " + m.name().size() + " names but " + m.position().length + " positions");
    }
    float[] state;
    if (jointNames.isEmpty()) {
      state = new float[m.position().length];
      for (int i = 0; i < state.length; i++) {
        state[i] = (float) m.position()[i];
      }
    } else {
      state = new float[jointNames.size()];
      for (int i = 0; i < state.length; i++) {
        int k = m.name().indexOf(jointNames.get(i));
        if (k < 0) {
          throw new IllegalArgumentException("JointState lacks joint '" + jointNames.get(i) + "' (has " + m.name() + ")");
        }
        state[i] = (float) m.position()[k];
      }
    }
    long stamp = m.header().stamp().toNanos();
    return new Observation(++sequence, stamp == 0 ? arrivalEpochNanos : stamp, state);
  }
}
