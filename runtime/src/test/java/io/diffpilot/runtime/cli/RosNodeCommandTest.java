package io.diffpilot.runtime.cli;

import static io.diffpilot.ros1.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.ros1.msg.StringMessage;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.testing.RoscoreExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code diffpilot ros-node} in-process and through roslaunch, against a real roscore. */
@Tag("ros")
class RosNodeCommandTest {

  @TempDir static Path temp;
  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  @Test
  void rosNodeAnswersObservationsAndStopsOnRosnodeKill() throws Exception {
    CompletableFuture<Integer> exit = startRosNode("/smoke", "smoke_node", "--fake-policy", "--robot-id", "smoke",
        "--joint-names", "x,y");
    Process robot = publishObservations("/smoke", "0.5, 0.25");
    try {
      assertThat(firstMessage("/smoke/action_chunk", 40)).containsPattern("joint_names: \\n\\s+- x\\n\\s+- y");
    } finally {
      RoscoreExtension.interrupt(robot);
      robot.waitFor(10, TimeUnit.SECONDS);
    }
    RoscoreExtension.Result kill = core.run(Duration.ofSeconds(20), "rosnode", "kill", "/smoke/smoke_node");
    assertThat(kill.output()).contains("killed");
    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(core.run(Duration.ofSeconds(20), "rosnode", "list").output()).doesNotContain("smoke_node");
  }

  @Test
  void noMasterExitsWithAClearError() throws Exception {
    int exit = Main.commandLine().execute("ros-node", "--fake-policy",
        "__master:=http://127.0.0.1:" + RoscoreExtension.freePort(), "__ip:=127.0.0.1");
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
    CompletableFuture<Integer> exit = startRosNode("/cfg", "cfg_node", "--config", yaml.toString(), "--joint-names", "x,y");
    Process robot = publishObservations("/cfg", "0.5, 0.25, 9.0");
    try {
      assertThat(firstMessage("/cfg/action_chunk", 40)).contains("nsecs:  50000000"); // action_period_ms: 50 from the file
      RoscoreExtension.Result status = core.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/cfg/status");
      assertThat(status.output()).contains("\\\"robot_id\\\":\\\"cfg\\\"");
    } finally {
      RoscoreExtension.interrupt(robot);
      robot.waitFor(10, TimeUnit.SECONDS);
      core.run(Duration.ofSeconds(20), "rosnode", "kill", "/cfg/cfg_node");
    }
    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
  }

  /** The launch file for a real robot, run for real by roslaunch; SIGINT unregisters the node. */
  @Test
  void runtimeLaunchFileRunsTheNodeAndSigintUnregistersIt() throws Exception {
    ProcessBuilder pb = roslaunch("ws", "runtime.launch", "model:=unused", "robot_id:=arm1",
        "extra_args:=--fake-policy", "java_opts:=-Xmx256m", "--wait");
    Process launch = pb.redirectErrorStream(true).redirectOutput(temp.resolve("roslaunch.out").toFile()).start();
    Process robot = publishObservations("/arm1", "1.0, 2.0");
    try {
      RoscoreExtension.Result echo = core.run(Duration.ofSeconds(90), "rostopic", "echo", "-n", "1", "/arm1/action_chunk");
      assertThat(echo.exitCode()).as(echo.output() + Files.readString(temp.resolve("roslaunch.out"))).isZero();
      assertThat(echo.output()).containsPattern("joint_names: \\n\\s+- x\\n\\s+- y");
    } finally {
      RoscoreExtension.interrupt(robot);
      robot.waitFor(10, TimeUnit.SECONDS);
      RoscoreExtension.interrupt(launch);
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

  /** sim_pusht.launch run for real: the runtime node (fake policy) drives the simulated Push-T robot. */
  @Test
  void simPushTLaunchRunsAnEpisodeDrivenByTheRuntime() throws Exception {
    ProcessBuilder pb = roslaunch("ws-sim", "sim_pusht.launch", "model:=unused", "max_steps:=40",
        "extra_args:=--fake-policy --obs-dim 20", "--wait");
    pb.environment().put("JAVA_OPTS", "-Xmx256m");
    Path log = temp.resolve("sim-roslaunch.out");
    Process launch = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = launch.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      RoscoreExtension.interrupt(launch);
      launch.waitFor(30, TimeUnit.SECONDS);
    }
    String out = Files.readString(log);
    assertThat(ended).as(out).isTrue();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("Push-T seed 0: 40 steps, coverage [0-9.]+ \\(max [0-9.]+\\), (\\d+) chunks received").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Integer.parseInt(m.group(1))).as("chunks the simulated robot received").isGreaterThan(3);
  }

  /**
   * ROS conventions with the real tools: settings from private parameters (an option given on the
   * command line wins), std_srvs services for the e-stop and reset (rosservice call), typed
   * diagnostics on /diagnostics and log lines on /rosout.
   */
  @Test
  void rosNodeReadsParamsServesServicesAndReportsDiagnosticsAndRosout() throws Exception {
    assertThat(core.run(Duration.ofSeconds(20), "rosparam", "set", "/conv/conv_node/robot_id", "from_param").exitCode()).isZero();
    assertThat(core.run(Duration.ofSeconds(20), "rosparam", "set", "/conv/conv_node/step_ms", "200").exitCode()).isZero();
    Path rosout = temp.resolve("conv-rosout.out");
    Process rosoutEcho = core.tool("rostopic", "echo", "/rosout").redirectErrorStream(true).redirectOutput(rosout.toFile()).start();
    CompletableFuture<Integer> exit = startRosNode("/conv", "conv_node", "--fake-policy", "--step-ms", "50",
        "--joint-names", "x,y");
    Process robot = publishObservations("/conv", "0.5, 0.25");
    try {
      assertThat(firstMessage("/conv/action_chunk", 60)).as("--step-ms 50 on the command line wins over ~step_ms 200").contains("nsecs:  50000000");
      RoscoreExtension.Result status = core.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/conv/status");
      assertThat(status.output()).as("~robot_id from the parameter server").contains("\\\"robot_id\\\":\\\"from_param\\\"");

      RoscoreExtension.Result diag = core.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/diagnostics");
      assertThat(diag.output()).as(diag.output()).contains("name: \"diffpilot: from_param controller\"")
          .contains("hardware_id: \"from_param\"").contains("key: \"backend\"").contains("value: \"fake\"");

      RoscoreExtension.Result stop = core.run(Duration.ofSeconds(30), "rosservice", "call", "/conv/conv_node/emergency_stop", "data: true");
      assertThat(stop.output()).as(stop.output()).contains("success: True").contains("emergency stop engaged for from_param");
      await("the status to say EMERGENCY_STOPPED", Duration.ofSeconds(30), () -> {
        try {
          return core.run(Duration.ofSeconds(20), "rostopic", "echo", "-n", "1", "/conv/status").output().contains("EMERGENCY_STOPPED");
        } catch (Exception e) {
          return false;
        }
      });
      RoscoreExtension.Result type = core.run(Duration.ofSeconds(30), "rosservice", "type", "/conv/conv_node/reset");
      assertThat(type.output().strip()).isEqualTo("std_srvs/Trigger");
      RoscoreExtension.Result reset = core.run(Duration.ofSeconds(30), "rosservice", "call", "/conv/conv_node/reset");
      assertThat(reset.output()).as(reset.output()).contains("success: True").contains("emergency stop released");
      await("the e-stop lines on /rosout", Duration.ofSeconds(30), () -> {
        try {
          String out = Files.readString(rosout);
          return out.contains("emergency stop engaged for from_param by service call") && out.contains("name: \"/conv/conv_node\"");
        } catch (java.io.IOException e) {
          return false;
        }
      });
    } finally {
      RoscoreExtension.interrupt(robot);
      RoscoreExtension.interrupt(rosoutEcho);
      robot.waitFor(10, TimeUnit.SECONDS);
      rosoutEcho.waitFor(10, TimeUnit.SECONDS);
      core.run(Duration.ofSeconds(20), "rosnode", "kill", "/conv/conv_node");
    }
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(core.run(Duration.ofSeconds(20), "rosservice", "list").output()).doesNotContain("/conv/conv_node");
  }

  /**
   * sim_pusht.launch with the bundled model, started by roslaunch: the node runs the java backend
   * with the Vector API kernel (the launcher's JVM), and its status reports the time per step.
   */
  @Test
  void simPushTLaunchWithTheBundledModelRunsTheVectorKernel() throws Exception {
    Path ws = temp.resolve("ws-model");
    Files.createDirectories(ws);
    Files.createSymbolicLink(ws.resolve("diffpilot"), Path.of("..", "launch").toAbsolutePath().normalize());
    List<String> statuses = new CopyOnWriteArrayList<>();
    try (RosNode watcher = RosNode.start(core.nodeConfig("model_watcher"))) {
      watcher.subscribe("/pusht/diffpilot_status", StringMessage.TYPE, m -> statuses.add(m.data()));
      // An episode long enough for any load (10 minutes at 10 Hz): the test ends the launch itself
      // once it has its status, rather than racing the node's start against the episode's end.
      ProcessBuilder pb = core.tool("roslaunch", "diffpilot", "sim_pusht.launch", "max_steps:=6000", "--wait");
      pb.environment().put("ROS_PACKAGE_PATH", ws.toString());
      pb.environment().put("DIFFPILOT_CLASSPATH", System.getProperty("java.class.path"));
      pb.environment().put("DIFFPILOT_MAIN", "io.diffpilot.runtime.cli.Main"); // no tools on this class path
      Path log = temp.resolve("model-roslaunch.out");
      Process launch = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        await("a status after policy chunks", Duration.ofSeconds(300),
            () -> statuses.stream().filter(s -> s.contains("\"step_ms\"")).count() >= 5 || !launch.isAlive());
      } finally {
        RoscoreExtension.interrupt(launch);
        if (!launch.waitFor(40, TimeUnit.SECONDS)) {
          launch.destroyForcibly().waitFor();
        }
      }
      String out = Files.readString(log);
      JsonNode last = null;
      ObjectMapper json = new ObjectMapper();
      for (String s : statuses) {
        JsonNode n = json.readTree(s);
        if (n.has("step_ms")) {
          last = n;
        }
      }
      assertThat(last).as("a status with step_ms; roslaunch said:\n%s", out).isNotNull();
      assertThat(last.path("inference").path("backend").asText()).as(out).isEqualTo("java");
      assertThat(last.path("inference").path("kernel").asText()).as(out).startsWith("vector-");
      assertThat(last.path("inference").has("fallback")).isFalse();
      assertThat(out).contains("inference backend java, kernel vector-").doesNotContain("SLOW INFERENCE");
      double[] stepMs = statuses.stream().map(s -> {
        try {
          return json.readTree(s);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).filter(n -> n.has("step_ms")).mapToDouble(n -> n.get("step_ms").asDouble()).sorted().toArray();
      assertThat(stepMs).isNotEmpty();
      assertThat(stepMs[0]).isPositive();
      // A figure for the report, not an assertion: the machine's load decides it.
      double p50 = stepMs[stepMs.length / 2];
      System.out.printf(java.util.Locale.ROOT, "sim_pusht.launch, bundled model, %s: %d statuses, ms/step p50 %.3f max %.3f"
          + " (p50: %d steps fit 100 ms), last chunk %d steps, load %s%n", last.path("inference").path("kernel").asText(),
          stepMs.length, p50, stepMs[stepMs.length - 1], (int) Math.floor(100 / p50), last.get("last_steps_used").asInt(),
          Files.readString(Path.of("/proc/loadavg")).strip());
    }
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
    pb.environment().put("DIFFPILOT_MAIN", "io.diffpilot.runtime.cli.Main"); // no tools on this class path
    Process launch = pb.redirectErrorStream(true).redirectOutput(temp.resolve("rec.out").toFile()).start();
    try (io.diffpilot.ros1.node.RosNode node = io.diffpilot.ros1.node.RosNode.start(core.nodeConfig("rec_robot"))) {
      var obs = node.advertise("/rec/observation", io.diffpilot.ros1.msg.Float32MultiArray.TYPE, false, 64);
      var js = node.advertise("/rec/joint_states", io.diffpilot.ros1.msg.JointState.TYPE, false, 64);
      // rosbag and DiffPilot's recorder both subscribe to the observations
      await("the recorders to subscribe", Duration.ofSeconds(60), () -> obs.subscriberCount() == 2 && js.subscriberCount() == 1);
      for (int i = 0; i < 15; i++) {
        obs.publish(new io.diffpilot.ros1.msg.Float32MultiArray(io.diffpilot.ros1.msg.MultiArrayLayout.FLAT, new float[] {i}));
        js.publish(new io.diffpilot.ros1.msg.JointState(new io.diffpilot.ros1.msg.Header(i,
            io.diffpilot.ros1.msg.RosTime.now(), ""), java.util.List.of("x"), new double[] {i}, new double[0], new double[0]));
        Thread.sleep(20);
      }
      Thread.sleep(1000);
    } finally {
      RoscoreExtension.interrupt(launch);
      assertThat(launch.waitFor(40, TimeUnit.SECONDS)).isTrue();
    }
    Path bag;
    try (var files = Files.list(bags)) {
      bag = files.filter(f -> f.getFileName().toString().endsWith(".bag")).findFirst().orElse(null);
    }
    assertThat(bag).as("a .bag in %s; roslaunch said: %s", bags, Files.readString(temp.resolve("rec.out"))).isNotNull();
    RoscoreExtension.Result info = core.run(Duration.ofSeconds(30), "rosbag", "info", bag.toString());
    assertThat(info.output()).containsPattern("/rec/observation\\s+15 msgs\\s+: std_msgs/Float32MultiArray")
        .containsPattern("/rec/joint_states\\s+15 msgs\\s+: sensor_msgs/JointState");
  }

  /**
   * {@code diffpilot ros-node} with {@code options} as node {@code name} in namespace {@code ns} of the
   * test's master, on a thread of its own: its exit code once it ends.
   */
  private static CompletableFuture<Integer> startRosNode(String ns, String name, String... options) {
    List<String> args = new ArrayList<>(List.of("ros-node"));
    args.addAll(List.of(options));
    args.addAll(List.of("__master:=" + core.masterUri(), "__ip:=127.0.0.1", "__name:=" + name, "__ns:=" + ns));
    return CompletableFuture.supplyAsync(() -> Main.commandLine().execute(args.toArray(String[]::new)));
  }

  /**
   * roslaunch of one of the repository's launch files, found through a workspace {@code wsName} whose
   * package diffpilot is launch/, starting the runtime from this test's class path.
   */
  private static ProcessBuilder roslaunch(String wsName, String launchFile, String... args) throws IOException {
    Path ws = temp.resolve(wsName);
    Files.createDirectories(ws);
    Files.createSymbolicLink(ws.resolve("diffpilot"), Path.of("..", "launch").toAbsolutePath().normalize());
    List<String> command = new ArrayList<>(List.of("roslaunch", "diffpilot", launchFile));
    command.addAll(List.of(args));
    ProcessBuilder pb = core.tool(command.toArray(String[]::new));
    pb.environment().put("ROS_PACKAGE_PATH", ws.toString());
    pb.environment().put("DIFFPILOT_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("DIFFPILOT_MAIN", "io.diffpilot.runtime.cli.Main"); // no tools on this class path
    return pb;
  }

  /** The first message on {@code topic} within {@code seconds}, as rostopic echo prints it; fails when none comes. */
  private static String firstMessage(String topic, int seconds) throws Exception {
    RoscoreExtension.Result echo = core.run(Duration.ofSeconds(seconds), "rostopic", "echo", "-n", "1", topic);
    assertThat(echo.exitCode()).as(echo.output()).isZero();
    return echo.output();
  }

  /** A robot publishing the observation {@code values} on {@code ns}/observation at 20 Hz. */
  private static Process publishObservations(String ns, String values) throws IOException {
    return core.tool("rostopic", "pub", "-r", "20", ns + "/observation", "std_msgs/Float32MultiArray",
        "{data: [" + values + "]}").start();
  }
}
