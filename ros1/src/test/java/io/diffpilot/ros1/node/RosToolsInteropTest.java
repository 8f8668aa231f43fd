package io.diffpilot.ros1.node;

import static io.diffpilot.ros1.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.ros1.msg.Float32MultiArray;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.JointState;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.JointTrajectoryPoint;
import io.diffpilot.ros1.msg.MultiArrayLayout;
import io.diffpilot.ros1.msg.RosDuration;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.tcpros.ConnectionHeader;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.ros1.tcpros.Subscription;
import io.diffpilot.ros1.testing.RoscoreExtension;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A DiffPilot node against a real roscore and the real rostopic, rosbag, rosnode and rosparam. */
@Tag("ros")
class RosToolsInteropTest {

  @TempDir static Path temp;
  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  static JointTrajectory trajectory(int seq) {
    return new JointTrajectory(new Header(seq, RosTime.ofNanos(1_700_000_000_000_000_000L + seq), "base"),
        List.of("shoulder", "elbow"),
        List.of(JointTrajectoryPoint.positions(new double[] {0.5, -0.25}, RosDuration.ofNanos(0)),
            JointTrajectoryPoint.positions(new double[] {0.75, -0.5}, RosDuration.ofNanos(100_000_000L))));
  }

  @Test
  void rostopicPubReachesOurSubscriber() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("listener"))) {
      List<Float32MultiArray> got = new CopyOnWriteArrayList<>();
      node.subscribe("/obs", Float32MultiArray.TYPE, got::add);
      Process pub = core.tool("rostopic", "pub", "-r", "10", "/obs", "std_msgs/Float32MultiArray",
          "{layout: {dim: [{label: 'x', size: 3, stride: 3}], data_offset: 0}, data: [1.0, 2.5, -3.0]}").start();
      try {
        await("3 messages from rostopic pub", Duration.ofSeconds(20), () -> got.size() >= 3);
      } finally {
        RoscoreExtension.interrupt(pub);
        pub.waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(got.get(0).data()).containsExactly(1.0f, 2.5f, -3.0f);
      assertThat(got.get(0).layout().dim().get(0).label()).isEqualTo("x");
    }
  }

  @Test
  void jointStateFromRostopicPubWithRemap() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("js_listener", "joint_states:=/robot/js"))) {
      List<JointState> got = new CopyOnWriteArrayList<>();
      Subscription<JointState> sub = node.subscribe("joint_states", JointState.TYPE, got::add);
      assertThat(sub.topic()).isEqualTo("/robot/js");
      Process pub = core.tool("rostopic", "pub", "-r", "10", "/robot/js", "sensor_msgs/JointState",
          "{header: {stamp: now, frame_id: base}, name: [j1, j2], position: [0.1, 0.2], velocity: [], effort: []}").start();
      try {
        await("a JointState", Duration.ofSeconds(20), () -> !got.isEmpty());
      } finally {
        RoscoreExtension.interrupt(pub);
        pub.waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(got.get(0).name()).containsExactly("j1", "j2");
      assertThat(got.get(0).position()).containsExactly(0.1, 0.2);
      assertThat(got.get(0).header().frameId()).isEqualTo("base");
    }
  }

  @Test
  void ourPublisherReachesRostopicEcho() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("talker"))) {
      Publication<JointTrajectory> pub = node.advertise("/chunk", JointTrajectory.TYPE, false, 8);
      Process echo = core.tool("rostopic", "echo", "-n", "2", "/chunk").redirectErrorStream(true).start();
      StringBuilder out = new StringBuilder();
      Thread reader = new Thread(() -> {
        try (InputStream in = echo.getInputStream()) {
          out.append(new String(in.readAllBytes()));
        } catch (java.io.IOException ignored) {
          // process gone
        }
      });
      reader.start();
      int seq = 0;
      while (echo.isAlive() && seq < 400) {
        pub.publish(trajectory(seq++));
        Thread.sleep(50);
      }
      assertThat(echo.waitFor(5, TimeUnit.SECONDS)).isTrue();
      reader.join(5000);
      assertThat(echo.exitValue()).as(out.toString()).isZero();
      assertThat(out.toString()).containsPattern("joint_names: \\n\\s+- shoulder\\n\\s+- elbow").contains("positions: [0.75, -0.5]")
          .contains("nsecs: 100000000").contains("frame_id: \"base\"");
    }
  }

  @Test
  void rosbagRecordsOurTopicsWithTypesAndCounts() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("bagged"))) {
      Publication<JointTrajectory> chunks = node.advertise("/bag/chunk", JointTrajectory.TYPE, false, 64);
      Publication<Float32MultiArray> obs = node.advertise("/bag/obs", Float32MultiArray.TYPE, false, 64);
      Path bag = temp.resolve("ours.bag");
      Process rec = core.tool("rosbag", "record", "--duration=6", "-O", bag.toString(), "/bag/chunk", "/bag/obs")
          .redirectErrorStream(true).redirectOutput(temp.resolve("rosbag.out").toFile()).start();
      await("rosbag to connect", Duration.ofSeconds(20), () -> chunks.subscriberCount() == 1 && obs.subscriberCount() == 1);
      for (int i = 0; i < 20; i++) {
        chunks.publish(trajectory(i));
        obs.publish(new Float32MultiArray(MultiArrayLayout.FLAT, new float[] {i, i + 1}));
        Thread.sleep(10);
      }
      assertThat(rec.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(rec.exitValue()).isZero();
      RoscoreExtension.Result info = core.run(Duration.ofSeconds(30), "rosbag", "info", bag.toString());
      assertThat(info.exitCode()).as(info.output()).isZero();
      assertThat(info.output())
          .containsPattern("messages:\\s+40\n")
          .containsPattern("trajectory_msgs/JointTrajectory\\s+\\[65b4f94a94d1ed67169da35a02f33d3f\\]")
          .containsPattern("std_msgs/Float32MultiArray\\s+\\[6a40e0ffa6a17a503ac3f8616991b1f6\\]")
          .containsPattern("/bag/chunk\\s+20 msgs")
          .containsPattern("/bag/obs\\s+20 msgs");
    }
  }

  @Test
  void rosnodeInfoListsOurConnections() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("inspected"))) {
      Publication<Float32MultiArray> pub = node.advertise("/inspected/out", Float32MultiArray.TYPE, false, 8);
      node.subscribe("/inspected/in", Float32MultiArray.TYPE, m -> { });
      Process echo = core.tool("rostopic", "echo", "/inspected/out").start();
      try {
        await("rostopic echo to connect", Duration.ofSeconds(20), () -> pub.subscriberCount() == 1);
        RoscoreExtension.Result info = core.run(Duration.ofSeconds(30), "rosnode", "info", "/inspected");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output())
            .contains("Node [/inspected]")
            .contains("* /inspected/out [std_msgs/Float32MultiArray]")
            .contains("* /inspected/in [") // rosnode knows a type only from a topic's publishers
            .contains("Pid: " + ProcessHandle.current().pid())
            .contains("direction: outbound")
            .contains("transport: TCPROS");
      } finally {
        RoscoreExtension.interrupt(echo);
        echo.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void privateParamSetWithRosparamIsRead() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("configured", "_budget_ms:=40"))) {
      RoscoreExtension.Result set = core.run(Duration.ofSeconds(20), "rosparam", "set", "/configured/joints", "[shoulder, elbow, wrist]");
      assertThat(set.exitCode()).as(set.output()).isZero();
      assertThat(node.param("~joints")).hasValueSatisfying(v -> assertThat((Object[]) v).containsExactly("shoulder", "elbow", "wrist"));
      assertThat(node.param("~budget_ms")).contains(40);
      assertThat(node.param("~missing")).isEmpty();
      node.setParam("~chunk", Map.of("horizon", 16, "dt", 0.1));
      RoscoreExtension.Result get = core.run(Duration.ofSeconds(20), "rosparam", "get", "/configured/chunk/horizon");
      assertThat(get.output().strip()).isEqualTo("16");
      assertThat(node.master().getParam("/configured/chunk")).hasValueSatisfying(v -> assertThat(((Map<?, ?>) v).get("dt")).isEqualTo(0.1));
    }
  }

  @Test
  void masterApiParamsAndGraphQueries() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("querier", "__ns:=/q/inner"))) {
      var master = node.master();
      master.setParam("/q/gain", 2.5);
      assertThat(master.searchParam("gain")).contains("/q/gain");
      assertThat(master.searchParam("no_such_param_anywhere")).isEmpty();
      assertThat(master.getParamNames()).contains("/q/gain", "/run_id");
      master.deleteParam("/q/gain");
      assertThat(master.hasParam("/q/gain")).isFalse();
      assertThat(master.getUri()).isEqualTo(core.masterUri() + "/");
      assertThat(master.getPid()).isPositive();
      node.advertise("out", Float32MultiArray.TYPE, false, 4);
      assertThat(master.getSystemState().publishers()).containsEntry("/q/inner/out", List.of("/q/inner/querier"));
      assertThat(master.lookupNode("/q/inner/querier")).contains(node.slaveUri());
      assertThat(master.lookupNode("/nobody")).isEmpty();
    }
  }

  @Test
  void slaveApiAnswersQueriesAndRefusesWhatItCannotServe() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("served"))) {
      node.advertise("/served/out", Float32MultiArray.TYPE, false, 4);
      node.subscribe("/served/in", JointState.TYPE, m -> { });
      var slave = new io.diffpilot.ros1.master.RosXmlRpc(node.slaveUri(), Duration.ofSeconds(3));
      assertThat((Object[]) slave.call("getPublications", "/t"))
          .anySatisfy(e -> assertThat((Object[]) e).containsExactly("/served/out", "std_msgs/Float32MultiArray"));
      assertThat((Object[]) slave.call("getSubscriptions", "/t"))
          .anySatisfy(e -> assertThat((Object[]) e).containsExactly("/served/in", "sensor_msgs/JointState"));
      assertThat(slave.call("getMasterUri", "/t")).isEqualTo(core.masterUri());
      assertThat(slave.call("getPid", "/t")).isEqualTo((int) ProcessHandle.current().pid());
      Object[] tcpros = (Object[]) slave.call("requestTopic", "/t", "/served/out", new Object[] {new Object[] {"TCPROS"}});
      assertThat(tcpros).containsExactly("TCPROS", "127.0.0.1", node.tcprosPort());
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> slave.call("requestTopic", "/t", "/served/out", new Object[] {new Object[] {"UDPROS"}}))
          .hasMessageContaining("code 0");
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> slave.call("requestTopic", "/t", "/not/ours", new Object[] {new Object[] {"TCPROS"}}))
          .hasMessageContaining("code -1");
    }
  }

  @Test
  void closeUnregistersEverything() throws Exception {
    RosNode node = RosNode.start(core.nodeConfig("leaving"));
    node.advertise("/leaving/out", Float32MultiArray.TYPE, false, 8);
    node.subscribe("/leaving/in", Float32MultiArray.TYPE, m -> { });
    assertThat(node.master().lookupNode("/leaving")).contains(node.slaveUri());
    node.close();
    var state = node.master().getSystemState();
    assertThat(state.publishers().getOrDefault("/leaving/out", List.of())).doesNotContain("/leaving");
    assertThat(state.subscribers().getOrDefault("/leaving/in", List.of())).doesNotContain("/leaving");
  }

  @Test
  void garbageWrongMd5AndUnknownTopicAreDroppedAndTheNodeLives() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("robust"))) {
      Publication<Float32MultiArray> pub = node.advertise("/robust/out", Float32MultiArray.TYPE, false, 8);
      // garbage: a huge header length, then noise
      try (Socket s = new Socket("127.0.0.1", node.tcprosPort())) {
        s.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3});
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      }
      // wrong md5: answered with error= and closed
      try (Socket s = new Socket("127.0.0.1", node.tcprosPort())) {
        ConnectionHeader.write(s.getOutputStream(), Map.of("callerid", "/bad", "topic", "/robust/out",
            "md5sum", "0123456789abcdef0123456789abcdef", "type", "std_msgs/Float32MultiArray"));
        Map<String, String> reply = ConnectionHeader.read(s.getInputStream());
        assertThat(reply).containsOnlyKeys("error");
        assertThat(reply.get("error")).contains("Client [/bad] wants topic [/robust/out]").contains("Dropping connection.");
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      }
      // a topic we do not publish
      try (Socket s = new Socket("127.0.0.1", node.tcprosPort())) {
        ConnectionHeader.write(s.getOutputStream(), Map.of("callerid", "/bad", "topic", "/nope", "md5sum", "*", "type", "*"));
        assertThat(ConnectionHeader.read(s.getInputStream())).containsKey("error");
      }
      assertThat(node.rejectedConnectionCount()).isEqualTo(3);
      // a roscpp-style probe (md5sum=*, type=*) is accepted and streamed to
      try (Socket s = new Socket("127.0.0.1", node.tcprosPort())) {
        ConnectionHeader.write(s.getOutputStream(), Map.of("callerid", "/probe", "topic", "/robust/out", "md5sum", "*", "type", "*", "tcp_nodelay", "0"));
        Map<String, String> reply = ConnectionHeader.read(s.getInputStream());
        assertThat(reply).containsEntry("md5sum", Float32MultiArray.TYPE.md5()).containsEntry("type", "std_msgs/Float32MultiArray")
            .containsEntry("latching", "0").containsKey("message_definition");
        await("the probe to be connected", Duration.ofSeconds(5), () -> pub.subscriberCount() == 1);
        pub.publish(new Float32MultiArray(MultiArrayLayout.FLAT, new float[] {4f}));
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] frame = new byte[4 + 16];
        in.readFully(frame);
        assertThat(frame[0]).isEqualTo((byte) 16);
      }
      // still alive for the real tools
      RoscoreExtension.Result info = core.run(Duration.ofSeconds(30), "rosnode", "ping", "-c", "1", "/robust");
      assertThat(info.output()).contains("reply from");
      assertThat(node.isShutdown()).isFalse();
    }
  }

  @Test
  void latchedTopicReachesALateEcho() throws Exception {
    try (RosNode node = RosNode.start(core.nodeConfig("latcher"))) {
      Publication<Float32MultiArray> pub = node.advertise("/latched", Float32MultiArray.TYPE, true, 1);
      pub.publish(new Float32MultiArray(MultiArrayLayout.FLAT, new float[] {42f}));
      RoscoreExtension.Result echo = core.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/latched");
      assertThat(echo.exitCode()).as(echo.output()).isZero();
      assertThat(echo.output()).contains("data: [42.0]");
    }
  }

}
