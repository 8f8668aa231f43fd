package io.diffpilot.runtime.ros.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Observation;
import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.JointState;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.MultiArrayLayout;
import io.diffpilot.ros1.msg.RosDuration;
import io.diffpilot.ros1.msg.RosTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireMappingTest {

  @Test
  void jointStateIsReorderedByTheConfiguredNames() {
    ObservationDecoder d = new ObservationDecoder(List.of("elbow", "shoulder"));
    JointState js = new JointState(new Header(0, new RosTime(10, 5), ""), List.of("shoulder", "wrist", "elbow"),
        new double[] {1, 2, 3}, new double[0], new double[0]);
    Observation o = d.fromJointState(js, 99);
    assertThat(o.state()).containsExactly(3f, 1f);
    assertThat(o.captureNanos()).isEqualTo(10_000_000_005L);
    assertThat(o.sequence()).isEqualTo(1);
    assertThat(d.fromJointState(js, 99).sequence()).isEqualTo(2);
  }

  @Test
  void jointStateMissingAJointNamesIt() {
    ObservationDecoder d = new ObservationDecoder(List.of("elbow"));
    JointState js = new JointState(new Header(0, RosTime.ZERO, ""), List.of("shoulder"), new double[] {1}, new double[0], new double[0]);
    assertThatThrownBy(() -> d.fromJointState(js, 1)).hasMessageContaining("lacks joint 'elbow'");
    JointState bad = new JointState(new Header(0, RosTime.ZERO, ""), List.of("elbow"), new double[0], new double[0], new double[0]);
    assertThatThrownBy(() -> d.fromJointState(bad, 1)).hasMessageContaining("1 names but 0 positions");
  }

  @Test
  void unstampedMessagesUseTheArrivalTime() {
    ObservationDecoder d = new ObservationDecoder(List.of());
    Observation o = d.fromFloat32(new Float32MultiArray(MultiArrayLayout.FLAT, new float[] {1, 2}), 1234);
    assertThat(o.captureNanos()).isEqualTo(1234);
    assertThat(o.state()).containsExactly(1f, 2f);
    JointState js = new JointState(new Header(0, RosTime.ZERO, ""), List.of("a"), new double[] {5}, new double[0], new double[0]);
    assertThat(d.fromJointState(js, 77).captureNanos()).isEqualTo(77);
  }

  @Test
  void chunkBecomesOnePointPerActionStampedAtTheFirstAction() {
    ActionChunk c = new ActionChunk(1_700_000_000_250_000_000L, 100_000_000L, new float[][] {{1, 2}, {3, 4}, {5, 6}}, 8);
    JointTrajectory t = new TrajectoryEncoder(List.of("x", "y")).encode(c, 42);
    assertThat(t.header().stamp()).isEqualTo(new RosTime(1_700_000_000L, 250_000_000L));
    assertThat(t.header().seq()).isEqualTo(42);
    assertThat(t.jointNames()).containsExactly("x", "y");
    assertThat(t.points()).hasSize(3);
    assertThat(t.points().get(2).positions()).containsExactly(5, 6);
    assertThat(t.points().get(2).timeFromStart()).isEqualTo(new RosDuration(0, 200_000_000));
    ActionChunk back = TrajectoryEncoder.decode(t);
    assertThat(back.startNanos()).isEqualTo(c.startNanos());
    assertThat(back.stepNanos()).isEqualTo(c.stepNanos());
    assertThat(back.actions()).isDeepEqualTo(c.actions());
  }

  @Test
  void jointNamesMustMatchTheActionWidth() {
    ActionChunk c = new ActionChunk(0, 1, new float[][] {{1, 2}}, 0);
    assertThatThrownBy(() -> new TrajectoryEncoder(List.of("x")).encode(c, 1)).hasMessageContaining("width 2");
    assertThat(new TrajectoryEncoder(List.of()).encode(c, 1).jointNames()).containsExactly("a0", "a1");
  }
}
