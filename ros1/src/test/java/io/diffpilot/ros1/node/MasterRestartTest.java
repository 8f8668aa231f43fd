package io.diffpilot.ros1.node;

import static io.diffpilot.ros1.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.ros1.master.MasterUnreachableException;
import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.MultiArrayLayout;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.ros1.tcpros.Subscription;
import io.diffpilot.ros1.testing.RoscoreExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** roscore killed and started again: the node registers again and traffic resumes. */
@Tag("ros")
class MasterRestartTest {

  @TempDir static Path temp;
  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  @Test
  void nodeRegistersAgainAfterRoscoreRestartAndTrafficResumes() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("survivor"))) {
      List<Float32MultiArray> got = new CopyOnWriteArrayList<>();
      node.subscribe("/restart/in", Float32MultiArray.TYPE, got::add);
      Publication<Float32MultiArray> pub = node.advertise("/restart/out", Float32MultiArray.TYPE, false, 8);

      core.stop();
      core.start();
      await("re-registration", Duration.ofSeconds(30), () -> node.reRegistrationCount() >= 1);
      assertThat(node.master().lookupNode("/survivor")).contains(node.slaveUri());

      Process talker = core.tool("rostopic", "pub", "-r", "10", "/restart/in", "std_msgs/Float32MultiArray", "{data: [7.0]}").start();
      try {
        await("traffic from a publisher started after the restart", Duration.ofSeconds(20), () -> !got.isEmpty());
      } finally {
        RoscoreExtension.interrupt(talker);
        talker.waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(got.get(0).data()).containsExactly(7f);

      Thread publisher = publishEvery50Ms(pub, 3f);
      try {
        RoscoreExtension.Result echo = core.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/restart/out");
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(echo.output()).contains("data: [3.0]");
      } finally {
        publisher.interrupt();
        publisher.join();
      }
    }
  }

  /**
   * Stock rospy nodes never register again after a master restart; their TCPROS links to us
   * (and ours to them) must survive it, as links between stock nodes do.
   */
  @Test
  void linksWithRunningRospyNodesSurviveARoscoreRestart() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("keeper"))) {
      List<Float32MultiArray> got = new CopyOnWriteArrayList<>();
      Subscription<Float32MultiArray> sub = node.subscribe("/keep/from_rospy", Float32MultiArray.TYPE, got::add);
      Publication<Float32MultiArray> pub = node.advertise("/keep/to_rospy", Float32MultiArray.TYPE, false, 8);
      Path echoed = temp.resolve("keep-echo.out");
      Process talker = core.tool("rostopic", "pub", "-r", "20", "/keep/from_rospy", "std_msgs/Float32MultiArray", "{data: [5.0]}")
          .redirectErrorStream(true).redirectOutput(temp.resolve("keep-talker.out").toFile()).start();
      Process listener = core.tool("rostopic", "echo", "/keep/to_rospy")
          .redirectErrorStream(true).redirectOutput(echoed.toFile()).start();
      Thread publisher = publishEvery50Ms(pub, 4f);
      try {
        await("the rospy publisher's messages", Duration.ofSeconds(60), () -> got.size() >= 5);
        await("the rospy subscriber to receive ours", Duration.ofSeconds(60), () -> echoedCount(echoed) >= 5);
        String rospyTalker = sub.connectedPublishers().get(0);

        core.stop();
        core.start();
        await("re-registration", Duration.ofSeconds(30), () -> node.reRegistrationCount() >= 1);
        // The new master has never heard of the rospy publisher: it does not register again.
        assertThat(node.master().getSystemState().publishers().getOrDefault("/keep/from_rospy", List.of())).isEmpty();

        int receivedAtRestart = got.size();
        int echoedAtRestart = echoedCount(echoed);
        await("messages from the rospy publisher after the restart", Duration.ofSeconds(30),
            () -> got.size() >= receivedAtRestart + 20);
        await("the rospy subscriber to keep receiving after the restart", Duration.ofSeconds(30),
            () -> echoedCount(echoed) >= echoedAtRestart + 20);
        assertThat(sub.connectedPublishers()).containsExactly(rospyTalker);
        assertThat(pub.subscriberCount()).isEqualTo(1);
      } finally {
        publisher.interrupt();
        publisher.join();
        RoscoreExtension.interrupt(talker);
        RoscoreExtension.interrupt(listener);
        talker.waitFor(10, TimeUnit.SECONDS);
        listener.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** A started thread that publishes {@code value} every 50 ms until it is interrupted. */
  private static Thread publishEvery50Ms(Publication<Float32MultiArray> pub, float value) {
    Thread publisher = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        pub.publish(new Float32MultiArray(MultiArrayLayout.FLAT, new float[] {value}));
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    publisher.start();
    return publisher;
  }

  private static int echoedCount(Path echoOutput) {
    try {
      String out = Files.readString(echoOutput);
      return out.split("data: \\[4\\.0\\]", -1).length - 1;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  @Test
  void noMasterIsAClearError() throws Exception {
    int nobody = RoscoreExtension.freePort();
    NodeConfig config = NodeConfig.fromArgs("lonely", List.of(),
        java.util.Map.of("ROS_MASTER_URI", "http://127.0.0.1:" + nobody, "ROS_IP", "127.0.0.1"), new java.util.ArrayList<>());
    assertThatThrownBy(() -> RosNode.start(config))
        .isInstanceOf(MasterUnreachableException.class)
        .hasMessageContaining("no ROS master answers at http://127.0.0.1:" + nobody)
        .hasMessageContaining("roscore");
  }
}
