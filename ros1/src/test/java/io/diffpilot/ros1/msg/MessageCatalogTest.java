package io.diffpilot.ros1.msg;

import io.diffpilot.ros1.testing.RequiredTools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCatalogTest {

  /** Values printed by {@code rosmsg md5} (shared/specs/transports.md §1). */
  @ParameterizedTest
  @CsvSource({
    "std_msgs/Float32MultiArray, 6a40e0ffa6a17a503ac3f8616991b1f6",
    "std_msgs/Float64MultiArray, 4b7d974086d4060e7db4613a7e6c3ba4",
    "std_msgs/String, 992ce8a1687cec8c8bd883ec73ca41d1",
    "std_msgs/Header, 2176decaecbce78abc3b96ef049fabed",
    "sensor_msgs/JointState, 3066dcd76a6cfaef579bd0f34173e9fd",
    "geometry_msgs/PoseStamped, d3812c3cbc69362b77dc0b19b345f8f5",
    "trajectory_msgs/JointTrajectory, 65b4f94a94d1ed67169da35a02f33d3f",
    "rosgraph_msgs/Log, acffd30cd6b6de30f120938c17c593fb",
    "diagnostic_msgs/DiagnosticArray, 60810da900de1dd6ddd437c3503511da"
  })
  void md5MatchesRosmsg(String type, String md5) {
    assertThat(MessageCatalog.bundled().md5(type)).isEqualTo(md5);
  }

  @Test
  void md5OfNestedTypeUsesTheNestedMd5() {
    assertThat(MessageCatalog.bundled().md5Text("std_msgs/Float32MultiArray"))
        .isEqualTo(MessageCatalog.bundled().md5("std_msgs/MultiArrayLayout") + " layout\nfloat32[] data");
  }

  @Test
  void constantsComeFirstInTheMd5Text() {
    MessageCatalog c = new MessageCatalog(t -> "int32 value # a comment\nuint8 DEBUG=1  # level\nstring NAME= x # y\n");
    assertThat(c.md5Text("p/T")).isEqualTo("uint8 DEBUG=1\nstring NAME=x # y\nint32 value");
  }

  /** The real {@code rosmsg md5} for every bundled type, when the ROS tools are installed. */
  @ParameterizedTest
  @ValueSource(strings = {"std_msgs/Bool", "std_msgs/MultiArrayLayout", "geometry_msgs/Pose", "trajectory_msgs/JointTrajectoryPoint"})
  void md5MatchesTheInstalledRosmsg(String type) throws Exception {
    RequiredTools.assumeInstalled(Files.isExecutable(Path.of("/usr/bin/rosmsg")), "ROS 1 tools not installed");
    assertThat(MessageCatalog.bundled().md5(type)).isEqualTo(run("/usr/bin/rosmsg", "md5", type));
  }

  /** The message_definition text rospy sends ({@code Msg._full_text}). */
  @ParameterizedTest
  @ValueSource(strings = {"std_msgs/Float32MultiArray", "sensor_msgs/JointState", "geometry_msgs/PoseStamped", "trajectory_msgs/JointTrajectory"})
  void fullTextMatchesRospy(String type) throws Exception {
    RequiredTools.assumeInstalled(Files.isExecutable(Path.of("/usr/bin/rosmsg")), "ROS 1 tools not installed");
    String[] pn = type.split("/");
    String py = "import sys; from " + pn[0] + ".msg import " + pn[1] + " as M; sys.stdout.write(M._full_text)";
    assertThat(MessageCatalog.bundled().fullText(type)).isEqualTo(run("/usr/bin/python3", "-c", py));
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s", String.join(" ", cmd)).isZero();
    return cmd[0].endsWith("rosmsg") ? out.strip() : out;
  }
}
