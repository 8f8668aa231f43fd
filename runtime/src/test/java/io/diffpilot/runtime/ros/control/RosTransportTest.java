package io.diffpilot.runtime.ros.control;

import static io.diffpilot.ros1.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Clock;
import io.diffpilot.ros1.msg.BoolMessage;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.JointState;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.msg.StringMessage;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.ros1.testing.RoscoreExtension;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.fake.FixedCostPolicy;
import io.diffpilot.runtime.transport.RuntimeStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control loop over ROS against a real roscore: observations in, trajectories out, e-stop. */
@Tag("ros")
class RosTransportTest {

  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  static ControlLoop loop(RosNode node, RosTopics topics) {
    ControlConfig config = ControlConfig.defaults(topics.robotId()).withBudget(50_000_000L, 1, 4);
    return new ControlLoop(config, new FixedCostPolicy(2, 2, 8, 2, 0), new RosTransport(node, topics, Clock.system()), Clock.system(), null);
  }

  @Test
  void rostopicObservationsGiveTrajectoriesWithJointNamesAndTimes() throws Exception {
    RosNode node = RosNode.start(core.nodeConfig("diffpilot_r1", "__ns:=/r1"));
    List<String> joints = List.of("x", "y");
    try (ControlLoop loop = loop(node, RosTopics.defaults("r1", ObservationType.FLOAT32, joints))) {
      loop.start(20_000_000L);
      Process robot = core.tool("rostopic", "pub", "-r", "20", "/r1/observation", "std_msgs/Float32MultiArray", "{data: [1.5, -2.0]}").start();
      try {
        RoscoreExtension.Result echo = core.run(Duration.ofSeconds(40), "rostopic", "echo", "-n", "1", "/r1/action_chunk");
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(echo.output()).containsPattern("joint_names: \\n\\s+- x\\n\\s+- y")
            // FixedCostPolicy answers observation + 0.01·i; actions already past on arrival are dropped
            .containsPattern("positions: \\[1\\.5\\d*, -(1\\.9|2\\.0)\\d*\\]")
            .contains("nsecs: 100000000");
        RoscoreExtension.Result status = core.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/r1/status");
        assertThat(status.output()).contains("\\\"robot_id\\\":\\\"r1\\\"").contains("RUNNING");
      } finally {
        RoscoreExtension.interrupt(robot);
        robot.waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertThat(node.isShutdown()).isTrue();
  }

  @Test
  void jointStateObservationsStampTheChunkOnTheRobotClock() throws Exception {
    RosNode controller = RosNode.start(core.nodeConfig("diffpilot_r2"));
    RosTopics topics = new RosTopics("r2", "/r2/joint_states", ObservationType.JOINT_STATE, List.of("b", "a"),
        "/r2/chunk", "/r2/status", "/r2/estop");
    try (ControlLoop loop = loop(controller, topics); RosNode robot = RosNode.start(core.nodeConfig("robot_r2"))) {
      loop.start(20_000_000L);
      List<JointTrajectory> chunks = new CopyOnWriteArrayList<>();
      List<String> statuses = new CopyOnWriteArrayList<>();
      robot.subscribe("/r2/chunk", JointTrajectory.TYPE, chunks::add);
      robot.subscribe("/r2/status", StringMessage.TYPE, s -> statuses.add(s.data()));
      Publication<JointState> js = robot.advertise("/r2/joint_states", JointState.TYPE, false, 8);
      Publication<BoolMessage> estop = robot.advertise("/r2/estop", BoolMessage.TYPE, true, 1);
      await("the controller to connect", Duration.ofSeconds(20), () -> js.subscriberCount() == 1);
      long t0 = RosTime.now().toNanos();
      for (int i = 0; i < 5 && chunks.isEmpty(); i++) {
        js.publish(new JointState(new Header(i, RosTime.ofNanos(t0 + i * 50_000_000L), ""), List.of("a", "b"),
            new double[] {0.25, 0.75}, new double[0], new double[0]));
        Thread.sleep(50);
      }
      await("a chunk", Duration.ofSeconds(20), () -> !chunks.isEmpty());
      JointTrajectory first = chunks.get(0);
      assertThat(first.jointNames()).containsExactly("b", "a");
      double[] p0 = first.points().get(0).positions();
      assertThat(p0[0] - 0.75).isBetween(0.0, 0.08); // observation + 0.01·i for the first action kept
      assertThat(p0[1] - p0[0]).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-6));
      long stamp = first.header().stamp().toNanos();
      assertThat(stamp).isBetween(t0, t0 + 1_000_000_000L);
      // Stamped observations: the chunk's header stamp is the stamp of the observation it answers.
      assertThat((stamp - t0) % 50_000_000L).as("one of the observation stamps t0 + i·50 ms").isZero();
      long firstAction = TrajectoryEncoder.decode(first).startNanos();
      assertThat(firstAction).isGreaterThanOrEqualTo(stamp);

      estop.publish(new BoolMessage(true));
      await("the emergency stop", Duration.ofSeconds(20), () -> loop.status().state() == RuntimeStatus.State.EMERGENCY_STOPPED);
      await("the status topic to say so", Duration.ofSeconds(20),
          () -> statuses.stream().anyMatch(s -> s.contains("EMERGENCY_STOPPED")));

      loop.close(); // the last status (OFFLINE) still reaches subscribers before the node disconnects
      await("the OFFLINE status", Duration.ofSeconds(10), () -> statuses.stream().anyMatch(s -> s.contains("\"OFFLINE\"")));
      assertThat(controller.isShutdown()).isTrue();
    }
  }

  @Test
  void malformedJointStateIsCountedNotFatal() throws Exception {
    RosNode controller = RosNode.start(core.nodeConfig("diffpilot_r3"));
    RosTopics topics = new RosTopics("r3", "/r3/js", ObservationType.JOINT_STATE, List.of("a", "b"), "/r3/chunk", "/r3/status", "/r3/estop");
    try (ControlLoop loop = loop(controller, topics); RosNode robot = RosNode.start(core.nodeConfig("robot_r3"))) {
      loop.start(20_000_000L);
      Publication<JointState> js = robot.advertise("/r3/js", JointState.TYPE, false, 8);
      await("the controller to connect", Duration.ofSeconds(20), () -> js.subscriberCount() == 1);
      js.publish(new JointState(new Header(0, RosTime.now(), ""), List.of("a"), new double[] {1}, new double[0], new double[0]));
      await("the malformed observation to be counted", Duration.ofSeconds(20),
          () -> loop.faultCount(io.diffpilot.runtime.transport.Fault.MALFORMED_PAYLOAD) == 1);
      assertThat(controller.isShutdown()).isFalse();
    }
  }

}
