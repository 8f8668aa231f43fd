package io.diffpilot.runtime.ros.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.ros1.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ROS package in {@code launch/} checked by roslaunch itself: XML, args, and that every
 * node's executable exists in its package (roslaunch-check's {@code check_roslaunch}).
 */
@Tag("ros")
class LaunchFilesTest {

  static final Path LAUNCH = Path.of("..", "launch").toAbsolutePath().normalize();
  @TempDir static Path temp;
  static Path workspace;

  @BeforeAll
  static void workspace() throws IOException {
    RequiredTools.assumeInstalled(Files.isExecutable(Path.of("/usr/bin/roslaunch")), "ROS 1 tools not installed");
    // The package's folder is named launch/; roslaunch finds it by package.xml, under ROS_PACKAGE_PATH.
    workspace = temp.resolve("ws");
    Files.createDirectories(workspace);
    Files.createSymbolicLink(workspace.resolve("diffpilot"), LAUNCH);
    Files.createDirectories(temp.resolve("home"));
  }

  record Result(int code, String out) {}

  /** The command line roslaunch starts {@code node} of {@code launchFile} with; roslaunch must succeed. */
  static String commandLineOf(String node, String launchFile, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("roslaunch", "--args", node, "diffpilot", launchFile));
    cmd.addAll(List.of(args));
    Result r = run(cmd.toArray(String[]::new));
    assertThat(r.code()).as(r.out()).isZero();
    return r.out();
  }

  static Result run(String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("ROS_PACKAGE_PATH", workspace.toString());
    pb.environment().put("ROS_HOME", temp.resolve("home").toString());
    pb.environment().put("PATH", "/usr/bin:/bin:" + System.getenv().getOrDefault("PATH", ""));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void packageIsFoundAndTheWrapperIsExecutable() throws Exception {
    assertThat(run("rospack", "find", "diffpilot").out().strip()).isEqualTo(workspace.resolve("diffpilot").toString());
    assertThat(Files.isExecutable(LAUNCH.resolve("scripts/diffpilot_node"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"runtime.launch", "sim_pusht.launch", "record_demos.launch"})
  void roslaunchCheckPasses(String file) throws Exception {
    Result r = run("/usr/bin/python3", "-c",
        "import sys,roslaunch.rlutil as r; e=r.check_roslaunch(sys.argv[1]); print(e or 'OK'); sys.exit(1 if e else 0)",
        LAUNCH.resolve(file).toString(), "model:=/models/pusht");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("OK");
  }

  @Test
  void checkCatchesAMissingExecutable() throws Exception {
    Path bad = temp.resolve("bad.launch");
    Files.writeString(bad, Files.readString(LAUNCH.resolve("runtime.launch")).replace("type=\"diffpilot_node\"", "type=\"no_such_exe\""));
    Result r = run("/usr/bin/python3", "-c",
        "import sys,roslaunch.rlutil as r; e=r.check_roslaunch(sys.argv[1]); print(e or 'OK'); sys.exit(1 if e else 0)",
        bad.toString(), "model:=/m");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("cannot find node [no_such_exe] in package [diffpilot]");
  }

  @Test
  void nodesOfEachFile() throws Exception {
    assertThat(run("roslaunch", "--nodes", "diffpilot", "runtime.launch", "model:=/m", "robot_id:=arm1").out())
        .contains("/diffpilot_arm1");
    assertThat(run("roslaunch", "--nodes", "diffpilot", "sim_pusht.launch", "model:=/m").out())
        .contains("/diffpilot_pusht").contains("/pusht_sim");
    assertThat(run("roslaunch", "--nodes", "diffpilot", "record_demos.launch").out()).contains("/demo_recorder_robot1");
  }

  @Test
  void runtimeNodeCommandLineCarriesArgsAndRemaps() throws Exception {
    assertThat(commandLineOf("/diffpilot_arm1", "runtime.launch", "model:=/m/pusht", "robot_id:=arm1", "budget_ms:=40",
        "observation_type:=joint_state"))
        .contains("diffpilot_node ros-node ")
        .contains("observation:=/arm1/observation").contains("action_chunk:=/arm1/action_chunk")
        .contains("estop:=/arm1/estop").contains("__name:=diffpilot_arm1");
    Result params = run("roslaunch", "--dump-params", "diffpilot", "runtime.launch", "model:=/m", "robot_id:=arm1",
        "joint_names:=[shoulder, elbow]");
    assertThat(params.out()).containsPattern("/diffpilot_arm1/joint_names:\\s+- shoulder\\s+- elbow");
    // The settings are the node's private parameters (the node reads them; an option would win).
    Result settings = run("roslaunch", "--dump-params", "diffpilot", "runtime.launch", "model:=/m/pusht",
        "robot_id:=arm1", "budget_ms:=40", "observation_type:=joint_state");
    assertThat(settings.out()).contains("/diffpilot_arm1/model: /m/pusht").contains("/diffpilot_arm1/robot_id: arm1")
        .contains("/diffpilot_arm1/budget_ms: 40.0").contains("/diffpilot_arm1/observation_type: joint_state");
  }

  @Test
  void recordDemosRunsTheDiffPilotRecorderAndRosbagOnlyOnRequest() throws Exception {
    assertThat(commandLineOf("/demo_recorder_arm1", "record_demos.launch", "robot_id:=arm1", "out:=/data/arm1",
        "obs_dim:=6", "action_dim:=6"))
        .contains("diffpilot_node record --source ros --no-stdin-commands --out /data/arm1 --obs-dim 6 --action-dim 6")
        .contains("observation:=/arm1/observation").contains("action_chunk:=/arm1/action_chunk").contains("record:=/arm1/record");
    assertThat(run("roslaunch", "--nodes", "diffpilot", "record_demos.launch", "robot_id:=arm1").out()).doesNotContain("demo_bag");
    assertThat(run("roslaunch", "--nodes", "diffpilot", "record_demos.launch", "robot_id:=arm1", "rosbag:=true").out())
        .contains("/demo_recorder_arm1").contains("/demo_bag_arm1");
  }

  @Test
  void missingModelArgIsAnError() throws Exception {
    Result r = run("roslaunch", "--nodes", "diffpilot", "runtime.launch");
    assertThat(r.code()).isNotZero();
    assertThat(r.out()).contains("model");
  }

}
