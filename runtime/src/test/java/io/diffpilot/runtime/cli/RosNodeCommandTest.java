package io.diffpilot.runtime.cli;

import io.diffpilot.runtime.testing.RequiredTools;

import static io.diffpilot.runtime.ros.RosCoreProcess.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.runtime.ros.RosCoreProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diffpilot ros-node} in-process and through roslaunch, against a real roscore. */
@Tag("ros")
class RosNodeCommandTest {

  @TempDir static Path temp;
  static RosCoreProcess core;

  @BeforeAll
  static void startRoscore() throws Exception {
    RequiredTools.assumeInstalled(RosCoreProcess.available(), "ROS 1 tools not installed (scripts/install-test-deps.sh)");
    core = new RosCoreProcess(temp);
  }

  @AfterAll
  static void stopRoscore() throws Exception {
    if (core != null) {
      core.close();
    }
  }

  @Test
  void rosNodeAnswersObservationsAndStopsOnRosnodeKill() throws Exception {
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.commandLine().execute("ros-node",
        "--fake-policy", "--robot-id", "smoke", "--joint-names", "x,y",
        "__master:=" + core.masterUri(), "__ip:=127.0.0.1", "__name:=smoke_node", "__ns:=/smoke"));
    Process robot = core.tool("rostopic", "pub", "-r", "20", "/smoke/observation", "std_msgs/Float32MultiArray", "{data: [0.5, 0.25]}").start();
    try {
      RosCoreProcess.Result echo = core.run(Duration.ofSeconds(40), "rostopic", "echo", "-n", "1", "/smoke/action_chunk");
      assertThat(echo.exitCode()).as(echo.output()).isZero();
      assertThat(echo.output()).containsPattern("joint_names: \\n\\s+- x\\n\\s+- y");
    } finally {
      RosCoreProcess.interrupt(robot);
      robot.waitFor(10, TimeUnit.SECONDS);
    }
    RosCoreProcess.Result kill = core.run(Duration.ofSeconds(20), "rosnode", "kill", "/smoke/smoke_node");
    assertThat(kill.output()).contains("killed");
    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(core.run(Duration.ofSeconds(20), "rosnode", "list").output()).doesNotContain("smoke_node");
  }

  @Test
  void noMasterExitsWithAClearError() throws Exception {
    int exit = Main.commandLine().execute("ros-node", "--fake-policy",
        "__master:=http://127.0.0.1:" + RosCoreProcess.freePort(), "__ip:=127.0.0.1");
    assertThat(exit).isEqualTo(3);
  }

  @Test
  void aPolicyIsRequiredAndAMissingModelIsRefused() {
    assertThat(Main.commandLine().execute("ros-node", "__master:=" + core.masterUri())).isEqualTo(2);
    assertThat(Main.commandLine().execute("ros-node", "--model", temp.resolve("no_such_model").toString(),
        "__master:=" + core.masterUri())).isEqualTo(2);
  }

  /** The same YAML as {@code diffpilot run} (policy, control, safety) drives the ROS node. */
  @Test
  void runConfigFileDrivesTheRosNode() throws Exception {
    Path yaml = temp.resolve("ros-run.yaml");
    Files.writeString(yaml, String.join("\n",
        "robot_id: cfg",
        "policy:",
        "  fake: {obs_steps: 2, obs_dim: 3, action_steps: 6, action_dim: 2, step_cost_ms: 0.1}",
        "broker:",
        "  url: embedded   # ignored by ros-node",
        "control: {action_period_ms: 50, budget_ms: 40, min_steps: 2, max_steps: 4}",
        ""));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.commandLine().execute("ros-node",
        "--config", yaml.toString(), "--joint-names", "x,y", "__master:=" + core.masterUri(), "__ip:=127.0.0.1",
        "__name:=cfg_node", "__ns:=/cfg"));
    Process robot = core.tool("rostopic", "pub", "-r", "20", "/cfg/observation", "std_msgs/Float32MultiArray", "{data: [0.5, 0.25, 9.0]}").start();
    try {
      RosCoreProcess.Result echo = core.run(Duration.ofSeconds(40), "rostopic", "echo", "-n", "1", "/cfg/action_chunk");
      assertThat(echo.exitCode()).as(echo.output()).isZero();
      assertThat(echo.output()).contains("nsecs:  50000000"); // action_period_ms: 50 from the file
      RosCoreProcess.Result status = core.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/cfg/status");
      assertThat(status.output()).contains("\\\"robot_id\\\":\\\"cfg\\\"");
    } finally {
      RosCoreProcess.interrupt(robot);
      robot.waitFor(10, TimeUnit.SECONDS);
      core.run(Duration.ofSeconds(20), "rosnode", "kill", "/cfg/cfg_node");
    }
    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
  }

  /** The launch file for a real robot, run for real by roslaunch; SIGINT unregisters the node. */
  @Test
  void runtimeLaunchFileRunsTheNodeAndSigintUnregistersIt() throws Exception {
    Path ws = temp.resolve("ws");
    Files.createDirectories(ws);
    Files.createSymbolicLink(ws.resolve("diffpilot"), Path.of("..", "launch").toAbsolutePath().normalize());
    ProcessBuilder pb = core.tool("roslaunch", "diffpilot", "runtime.launch", "model:=unused", "robot_id:=arm1",
        "extra_args:=--fake-policy", "java_opts:=-Xmx256m", "--wait");
    pb.environment().put("ROS_PACKAGE_PATH", ws.toString());
    pb.environment().put("DIFFPILOT_CLASSPATH", System.getProperty("java.class.path"));
    Process launch = pb.redirectErrorStream(true).redirectOutput(temp.resolve("roslaunch.out").toFile()).start();
    Process robot = core.tool("rostopic", "pub", "-r", "20", "/arm1/observation", "std_msgs/Float32MultiArray", "{data: [1.0, 2.0]}").start();
    try {
      RosCoreProcess.Result echo = core.run(Duration.ofSeconds(90), "rostopic", "echo", "-n", "1", "/arm1/action_chunk");
      assertThat(echo.exitCode()).as(echo.output() + Files.readString(temp.resolve("roslaunch.out"))).isZero();
      assertThat(echo.output()).containsPattern("joint_names: \\n\\s+- x\\n\\s+- y");
    } finally {
      RosCoreProcess.interrupt(robot);
      robot.waitFor(10, TimeUnit.SECONDS);
      RosCoreProcess.interrupt(launch);
      assertThat(launch.waitFor(40, TimeUnit.SECONDS)).isTrue();
    }
    await("the node to be gone from the master", Duration.ofSeconds(10),
        () -> {
          try {
            return !core.run(Duration.ofSeconds(20), "rosnode", "list").output().contains("diffpilot_arm1");
          } catch (Exception e) {
            return false;
          }
        });
    assertThat(core.run(Duration.ofSeconds(20), "rostopic", "info", "/arm1/action_chunk").output()).doesNotContain("diffpilot_arm1");
  }

  @Test
  void benchRosRunsAtTinySize() throws Exception {
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true));
    int exit;
    try {
      exit = Main.commandLine().execute("bench", "ros", "--rounds", "30", "--warmup", "10", "--step-us", "100",
          "__master:=" + core.masterUri(), "__ip:=127.0.0.1");
    } finally {
      System.setOut(old);
    }
    String printed = buf.toString();
    assertThat(exit).as(printed).isZero();
    // Every round is accounted for, answered or lost; how many a loaded machine answers within
    // 1 s is a timing figure for the benchmark's reader, not something to assert.
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("30 rounds \\(\\+10 warm-up\\): (\\d+) round trips answered, (\\d+) lost").matcher(printed);
    assertThat(m.find()).as(printed).isTrue();
    assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).as(printed).isEqualTo(30);
    assertThat(printed).contains("round trip minus inference");
  }

  /** sim_pusht.launch run for real: the runtime node (fake policy) drives the simulated Push-T robot. */
  @Test
  void simPushTLaunchRunsAnEpisodeDrivenByTheRuntime() throws Exception {
    Path ws = temp.resolve("ws-sim");
    Files.createDirectories(ws);
    Files.createSymbolicLink(ws.resolve("diffpilot"), Path.of("..", "launch").toAbsolutePath().normalize());
    ProcessBuilder pb = core.tool("roslaunch", "diffpilot", "sim_pusht.launch", "model:=unused", "max_steps:=40",
        "extra_args:=--fake-policy --obs-dim 20", "--wait");
    pb.environment().put("ROS_PACKAGE_PATH", ws.toString());
    pb.environment().put("DIFFPILOT_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("JAVA_OPTS", "-Xmx256m");
    Path log = temp.resolve("sim-roslaunch.out");
    Process launch = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = launch.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      RosCoreProcess.interrupt(launch);
      launch.waitFor(30, TimeUnit.SECONDS);
    }
    String out = Files.readString(log);
    assertThat(ended).as(out).isTrue();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("Push-T seed 0: 40 steps, coverage [0-9.]+ \\(max [0-9.]+\\), (\\d+) chunks received").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Integer.parseInt(m.group(1))).as("chunks the simulated robot received").isGreaterThan(3);
  }

  /** A separate JVM stopped with SIGTERM unregisters its publications and subscriptions. */
  @Test
  void sigtermUnregistersTheNode() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process node = core.tool(java, "-cp", System.getProperty("java.class.path"), "io.diffpilot.runtime.cli.Main", "ros-node",
        "--fake-policy", "__master:=" + core.masterUri(), "__ip:=127.0.0.1", "__name:=term_node")
        .redirectErrorStream(true).redirectOutput(temp.resolve("term_node.out").toFile()).start();
    try {
      await("term_node to register", Duration.ofSeconds(60), () -> topicInfo("/action_chunk").contains("/term_node"));
      new ProcessBuilder("kill", "-TERM", String.valueOf(node.pid())).start().waitFor();
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(topicInfo("/action_chunk")).doesNotContain("/term_node");
      assertThat(topicInfo("/observation")).doesNotContain("/term_node");
      assertThat(Files.readString(temp.resolve("term_node.out"))).contains("OFFLINE");
    } finally {
      node.destroyForcibly();
    }
  }

  private static String topicInfo(String topic) {
    try {
      return core.run(Duration.ofSeconds(20), "rostopic", "info", topic).output();
    } catch (Exception e) {
      return "";
    }
  }

  /** record_demos.launch run for real with rosbag:=true: its bag holds what a node published, with the right types. */
  @Test
  void recordDemosLaunchRecordsABag() throws Exception {
    Path ws = temp.resolve("ws-rec");
    Files.createDirectories(ws);
    Files.createSymbolicLink(ws.resolve("diffpilot"), Path.of("..", "launch").toAbsolutePath().normalize());
    Path bags = Files.createDirectories(temp.resolve("bags"));
    ProcessBuilder pb = core.tool("roslaunch", "diffpilot", "record_demos.launch", "robot_id:=rec", "rosbag:=true",
        "bag:=" + bags.resolve("demo"), "out:=" + temp.resolve("rec-dataset"));
    pb.environment().put("ROS_PACKAGE_PATH", ws.toString());
    pb.environment().put("DIFFPILOT_CLASSPATH", System.getProperty("java.class.path"));
    Process launch = pb.redirectErrorStream(true).redirectOutput(temp.resolve("rec.out").toFile()).start();
    try (io.diffpilot.runtime.ros.node.RosNode node = io.diffpilot.runtime.ros.node.RosNode.start(core.nodeConfig("rec_robot"))) {
      var obs = node.advertise("/rec/observation", io.diffpilot.runtime.ros.msg.Float32MultiArray.TYPE, false, 64);
      var js = node.advertise("/rec/joint_states", io.diffpilot.runtime.ros.msg.JointState.TYPE, false, 64);
      // rosbag and DiffPilot's recorder both subscribe to the observations
      await("the recorders to subscribe", Duration.ofSeconds(60), () -> obs.subscriberCount() == 2 && js.subscriberCount() == 1);
      for (int i = 0; i < 15; i++) {
        obs.publish(new io.diffpilot.runtime.ros.msg.Float32MultiArray(io.diffpilot.runtime.ros.msg.MultiArrayLayout.FLAT, new float[] {i}));
        js.publish(new io.diffpilot.runtime.ros.msg.JointState(new io.diffpilot.runtime.ros.msg.Header(i,
            io.diffpilot.runtime.ros.msg.RosTime.now(), ""), java.util.List.of("x"), new double[] {i}, new double[0], new double[0]));
        Thread.sleep(20);
      }
      Thread.sleep(1000);
    } finally {
      RosCoreProcess.interrupt(launch);
      assertThat(launch.waitFor(40, TimeUnit.SECONDS)).isTrue();
    }
    Path bag;
    try (var files = Files.list(bags)) {
      bag = files.filter(f -> f.getFileName().toString().endsWith(".bag")).findFirst().orElse(null);
    }
    assertThat(bag).as("a .bag in %s; roslaunch said: %s", bags, Files.readString(temp.resolve("rec.out"))).isNotNull();
    RosCoreProcess.Result info = core.run(Duration.ofSeconds(30), "rosbag", "info", bag.toString());
    assertThat(info.output()).containsPattern("/rec/observation\\s+15 msgs\\s+: std_msgs/Float32MultiArray")
        .containsPattern("/rec/joint_states\\s+15 msgs\\s+: sensor_msgs/JointState");
  }
}
