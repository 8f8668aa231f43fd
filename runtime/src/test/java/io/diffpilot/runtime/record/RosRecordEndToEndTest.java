package io.diffpilot.runtime.record;

import static io.diffpilot.ros1.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.lerobot.LeRobotDataset;
import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.JointTrajectoryPoint;
import io.diffpilot.ros1.msg.MultiArrayLayout;
import io.diffpilot.ros1.msg.RosDuration;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.msg.StringMessage;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.ros1.testing.Await;
import io.diffpilot.ros1.testing.RoscoreExtension;
import io.diffpilot.runtime.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code diffpilot record --source ros} against a real roscore, fed by {@code rostopic pub}:
 * observations streamed, actions and the start/save markers published one by one, bad
 * observations in between.
 */
@Tag("ros")
class RosRecordEndToEndTest {

  @TempDir static Path temp;
  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  private static void pubOnce(String topic, String type, String yaml) throws Exception {
    RoscoreExtension.Result r = core.run(Duration.ofSeconds(30), "rostopic", "pub", "-1", topic, type, yaml);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  private static void awaitLog(StringWriter log, String text) throws InterruptedException {
    Await.await("'" + text + "' in the recorder's output", Duration.ofSeconds(30), () -> log.toString().contains(text));
  }

  @Test
  void rostopicPubGivesASavedEpisode() throws Exception {
    Path out = temp.resolve("ros-demos");
    StringWriter log = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(log, true));
    cl.setErr(new PrintWriter(log, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("record", "--source", "ros",
        "--out", out.toString(), "--obs-dim", "3", "--action-dim", "2", "--action-topic", "action",
        "--action-type", "float32", "--episodes", "1", "--task", "reach", "--no-stdin-commands",
        "__master:=" + core.masterUri(), "__ip:=127.0.0.1", "__ns:=/rec"));
    awaitLog(log, "recording /rec/observation");
    Process stream = core.tool("rostopic", "pub", "-r", "20", "/rec/observation", "std_msgs/Float32MultiArray",
        "{data: [0.5, 1.5, 2.5]}").start();
    try {
      pubOnce("/rec/record", "std_msgs/String", "{data: start}");
      awaitLog(log, "started episode 0");
      Process wrongDim = core.tool("rostopic", "pub", "-1", "/rec/observation", "std_msgs/Float32MultiArray", "{data: [1.0, 2.0]}").start();
      Process nan = core.tool("rostopic", "pub", "-1", "/rec/observation", "std_msgs/Float32MultiArray", "{data: [.nan, 1.0, 2.0]}").start();
      for (int i = 1; i <= 3; i++) {
        pubOnce("/rec/action", "std_msgs/Float32MultiArray", "{data: [" + i + ".0, " + (10 * i) + ".0]}");
      }
      assertThat(wrongDim.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(nan.waitFor(30, TimeUnit.SECONDS)).isTrue();
      pubOnce("/rec/record", "std_msgs/String", "{data: save}");
      assertThat(exit.get(60, TimeUnit.SECONDS)).as(log.toString()).isZero();
    } finally {
      RoscoreExtension.interrupt(stream);
      stream.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(log.toString()).contains("saved episode 0 (3 steps").contains("WRONG_DIMENSION=1").contains("NOT_FINITE=1");
    // Frames carry arrival times; rostopic publishes at whatever rate this machine allows.
    LeRobotDataset ds = LeRobotDataset.open(out, false);
    assertThat(ds.size()).isEqualTo(1);
    Episode e = ds.episode(0);
    assertThat(e.task()).isEqualTo("reach");
    assertThat(e.length()).isEqualTo(3);
    for (int i = 1; i <= 3; i++) {
      assertThat(e.actions()[i - 1]).containsExactly(i, 10 * i);
      assertThat(e.observation("state")[i - 1]).containsExactly(0.5f, 1.5f, 2.5f);
    }
  }

  /**
   * record_demos.launch run for real: the recorder node takes JointTrajectory chunks (as the
   * runtime publishes them) and records the action scheduled at each observation's arrival.
   */
  @Test
  void recordDemosLaunchRecordsChunksIntoADataset() throws Exception {
    Path ws = temp.resolve("ws");
    Files.createDirectories(ws);
    Files.createSymbolicLink(ws.resolve("diffpilot"), Path.of("..", "launch").toAbsolutePath().normalize());
    Path out = temp.resolve("launch-demos");
    ProcessBuilder pb = core.tool("roslaunch", "diffpilot", "record_demos.launch", "robot_id:=arm", "out:=" + out,
        "obs_dim:=2", "action_dim:=2", "task:=stack", "java_opts:=-Xmx256m");
    pb.environment().put("ROS_PACKAGE_PATH", ws.toString());
    pb.environment().put("DIFFPILOT_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("DIFFPILOT_MAIN", "io.diffpilot.runtime.cli.Main"); // no tools on this class path
    Path log = temp.resolve("record-launch.out");
    Process launch = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (RosNode robot = RosNode.start(core.nodeConfig("arm_robot"))) {
      Publication<Float32MultiArray> obs = robot.advertise("/arm/observation", Float32MultiArray.TYPE, false, 64);
      Publication<JointTrajectory> chunks = robot.advertise("/arm/action_chunk", JointTrajectory.TYPE, false, 8);
      Publication<StringMessage> marker = robot.advertise("/arm/record", StringMessage.TYPE, false, 8);
      await("the recorder node to subscribe", Duration.ofSeconds(90),
          () -> obs.subscriberCount() == 1 && chunks.subscriberCount() == 1 && marker.subscriberCount() == 1);
      marker.publish(new StringMessage("start"));
      await("the episode to start", Duration.ofSeconds(20), () -> read(log).contains("started episode 0"));
      List<JointTrajectoryPoint> points = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        points.add(JointTrajectoryPoint.positions(new double[] {i, -i}, RosDuration.ofNanos(i * 20_000_000L)));
      }
      long start = RosTime.now().toNanos();
      chunks.publish(new JointTrajectory(new Header(1, RosTime.ofNanos(start), ""), List.of("x", "y"), points));
      Thread.sleep(100);
      for (int i = 0; i < 10; i++) {
        obs.publish(new Float32MultiArray(MultiArrayLayout.FLAT, new float[] {i, 0.5f}));
        Thread.sleep(20);
      }
      obs.publish(new Float32MultiArray(MultiArrayLayout.FLAT, new float[] {1, 2, 3})); // wrong width: skipped
      Thread.sleep(200);
      marker.publish(new StringMessage("save"));
      await("the episode to be saved", Duration.ofSeconds(20), () -> read(log).contains("saved episode 0"));
    } finally {
      RoscoreExtension.interrupt(launch);
      assertThat(launch.waitFor(40, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(read(log)).contains("done: 1 episodes").contains("WRONG_DIMENSION=1");
    Episode e = LeRobotDataset.open(out, false).episode(0);
    assertThat(e.task()).isEqualTo("stack");
    assertThat(e.length()).isBetween(1, 10);
    for (int k = 0; k < e.length(); k++) {
      float[] a = e.actions()[k];
      assertThat(a[1]).isEqualTo(-a[0]); // a row of the chunk
      if (k > 0) {
        assertThat(a[0]).isGreaterThanOrEqualTo(e.actions()[k - 1][0]); // later observations, later actions
      }
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
