package io.diffpilot.demos.rosbag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RosMessageDecoderTest {

  @Test
  void float32MultiArrayBytesFromTheTransportsSpec() {
    // transports.md §4: {dim:[{label:"x",size:3,stride:3}],data_offset:0,data:[1,2.5,-3]}
    byte[] b = HexFormat.of().parseHex("01000000" + "0100000078" + "03000000" + "03000000" + "00000000"
        + "03000000" + "0000803f" + "00002040" + "000040c0");
    assertThat(RosMessageDecoder.decode("std_msgs/Float32MultiArray", b)).containsExactly(1f, 2.5f, -3f);
  }

  @Test
  void jointStatePositionFromTheTransportsSpec() {
    byte[] b = HexFormat.of().parseHex("07000000" + "00f15365f4010000" + "04000000" + "62617365" + "02000000"
        + "020000006a31" + "020000006a32" + "02000000" + "9a9999999999b93f" + "9a9999999999c93f" + "00000000" + "00000000");
    assertThat(RosMessageDecoder.decode("sensor_msgs/JointState", b)).containsExactly(0.1f, 0.2f);
  }

  @Test
  void jointTrajectoryGivesItsFirstPointsPositions() {
    ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putLong(0).putInt(0); // header, empty frame id
    b.putInt(1).putInt(2).put("j1".getBytes()); // joint_names
    b.putInt(2); // points
    for (double p : new double[] {0.5, 0.75}) {
      b.putInt(2).putDouble(p).putDouble(-p); // positions
      b.putInt(0).putInt(0).putInt(0); // velocities, accelerations, effort
      b.putLong(0); // time_from_start
    }
    byte[] bytes = java.util.Arrays.copyOf(b.array(), b.position());
    assertThat(RosMessageDecoder.decode("trajectory_msgs/JointTrajectory", bytes)).containsExactly(0.5f, -0.5f);
  }

  @Test
  void truncatedOrOverlongMessagesAreRefused() {
    byte[] ok = HexFormat.of().parseHex("00000000" + "00000000" + "02000000" + "0000803f" + "00002040");
    assertThat(RosMessageDecoder.decode("std_msgs/Float32MultiArray", ok)).containsExactly(1f, 2.5f);
    assertThatThrownBy(() -> RosMessageDecoder.decode("std_msgs/Float32MultiArray", java.util.Arrays.copyOf(ok, 17)))
        .hasMessageContaining("ends early");
    assertThatThrownBy(() -> RosMessageDecoder.decode("std_msgs/Float32MultiArray", java.util.Arrays.copyOf(ok, 21)))
        .hasMessageContaining("left over");
  }

  @Test
  void md5SumsAreTheOnesRosmsgPrints() {
    assertThat(RosMessageDecoder.MD5).containsOnly(
        entry("std_msgs/Float32MultiArray", "6a40e0ffa6a17a503ac3f8616991b1f6"),
        entry("std_msgs/Float64MultiArray", "4b7d974086d4060e7db4613a7e6c3ba4"),
        entry("sensor_msgs/JointState", "3066dcd76a6cfaef579bd0f34173e9fd"),
        entry("trajectory_msgs/JointTrajectory", "65b4f94a94d1ed67169da35a02f33d3f"));
  }

  @Test
  void aTypeWithAnotherMd5IsRefused() {
    assertThatThrownBy(() -> RosMessageDecoder.checkSupported(
        new BagConnection(0, "/x", "std_msgs/Float32MultiArray", "00000000000000000000000000000000", "")))
        .hasMessageContaining("differs");
    assertThatThrownBy(() -> RosMessageDecoder.checkSupported(new BagConnection(0, "/x", "std_msgs/String", "", "")))
        .hasMessageContaining("supported");
  }
}
