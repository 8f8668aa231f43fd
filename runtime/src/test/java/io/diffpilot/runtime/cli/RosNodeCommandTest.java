package io.diffpilot.runtime.cli;

import static io.diffpilot.runtime.ros.RosCoreProcess.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    assumeTrue(RosCoreProcess.available(), "ROS 1 tools not installed (scripts/install-test-deps.sh)");
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
  void modelIsRequiredWithoutTheFakePolicy() {
    assertThat(Main.commandLine().execute("ros-node", "__master:=" + core.masterUri())).isEqualTo(2);
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
    assertThat(printed).contains("30 round trips").contains("round trip minus inference").contains("lost (no chunk within 1 s): 0");
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
}
