package io.diffpilot.ros1.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", "").replace("|", ""));
  }

  /** Bytes observed on the wire from rostopic pub (transports.md §4). */
  @Test
  void float32MultiArrayMatchesTheObservedBytes() {
    Float32MultiArray m = new Float32MultiArray(
        new MultiArrayLayout(List.of(new MultiArrayDimension("x", 3, 3)), 0), new float[] {1f, 2.5f, -3f});
    byte[] wire = hex("01000000 | 01000000 78 | 03000000 | 03000000 | 00000000 | 03000000 | 0000803f 00002040 000040c0");
    assertThat(Float32MultiArray.TYPE.encode(m)).hasSize(37).isEqualTo(wire);
    Float32MultiArray back = Float32MultiArray.TYPE.decode(wire);
    assertThat(back.layout()).isEqualTo(m.layout());
    assertThat(back.data()).containsExactly(1f, 2.5f, -3f);
  }

  @Test
  void jointStateMatchesTheObservedBytes() {
    JointState js = new JointState(new Header(7, new RosTime(1700000000L, 500), "base"), List.of("j1", "j2"),
        new double[] {0.1, 0.2}, new double[0], new double[0]);
    byte[] wire = hex("07000000 00f15365 f4010000 04000000" + HexFormat.of().formatHex("base".getBytes())
        + "02000000 02000000" + HexFormat.of().formatHex("j1".getBytes()) + "02000000" + HexFormat.of().formatHex("j2".getBytes())
        + "02000000 9a9999999999b93f 9a9999999999c93f 00000000 00000000");
    assertThat(JointState.TYPE.encode(js)).hasSize(64).isEqualTo(wire);
    JointState back = JointState.TYPE.decode(wire);
    assertThat(back.header()).isEqualTo(js.header());
    assertThat(back.name()).containsExactly("j1", "j2");
    assertThat(back.position()).containsExactly(0.1, 0.2);
  }

  @Test
  void trajectoryRoundTripsWithDurations() {
    JointTrajectory t = new JointTrajectory(new Header(1, RosTime.ofNanos(5_000_000_123L), ""), List.of("a", "b"),
        List.of(JointTrajectoryPoint.positions(new double[] {1, 2}, RosDuration.ofNanos(0)),
            JointTrajectoryPoint.positions(new double[] {3, 4}, RosDuration.ofNanos(100_000_000L))));
    JointTrajectory back = JointTrajectory.TYPE.decode(JointTrajectory.TYPE.encode(t));
    assertThat(back.header().stamp()).isEqualTo(new RosTime(5, 123));
    assertThat(back.points()).hasSize(2);
    assertThat(back.points().get(1).positions()).containsExactly(3, 4);
    assertThat(back.points().get(1).timeFromStart()).isEqualTo(new RosDuration(0, 100_000_000));
  }

  @Test
  void poseStampedRoundTrips() {
    PoseStamped p = new PoseStamped(new Header(3, new RosTime(1, 2), "map"), new PoseStamped.Pose(1, 2, 3, 0, 0, 0, 1));
    assertThat(PoseStamped.TYPE.decode(PoseStamped.TYPE.encode(p))).isEqualTo(p);
  }

  @Test
  void truncatedMessageIsRejectedWithTheOffset() {
    byte[] wire = JointState.TYPE.encode(new JointState(new Header(1, RosTime.ZERO, "f"), List.of("j"),
        new double[] {1}, new double[0], new double[0]));
    byte[] cut = Arrays.copyOf(wire, wire.length - 5);
    assertThatThrownBy(() -> JointState.TYPE.decode(cut))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("truncated");
  }

  @Test
  void hugeArrayCountInGarbageDoesNotAllocate() {
    byte[] garbage = hex("00000000 00000000 ffffffff 00");
    assertThatThrownBy(() -> Float32MultiArray.TYPE.decode(garbage))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("elements");
  }

  @Test
  void trailingBytesMeanAnotherType() {
    byte[] wire = hex("01 02");
    assertThatThrownBy(() -> BoolMessage.TYPE.decode(wire)).hasMessageContaining("trailing");
  }
}
