package io.diffpilot.runtime.control;

import static io.diffpilot.ros1.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Clock;
import io.diffpilot.ros1.msg.Header;
import io.diffpilot.ros1.msg.JointState;
import io.diffpilot.ros1.msg.JointTrajectory;
import io.diffpilot.ros1.msg.RosTime;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.ros1.tcpros.Publication;
import io.diffpilot.ros1.testing.RoscoreExtension;
import io.diffpilot.runtime.fake.FixedCostPolicy;
import io.diffpilot.runtime.ros.control.ObservationType;
import io.diffpilot.runtime.ros.control.RosTopics;
import io.diffpilot.runtime.ros.control.RosTransport;
import io.diffpilot.runtime.transport.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The clock rules over ROS against a real roscore: {@code JointState} observations carry the
 * robot's header stamp as capture time (the ROS transport numbers them itself, so sequence rules
 * do not apply there). After a wild stamp, a wild first stamp, or a robot whose clock starts again
 * (a restarted robot on its own time base), chunks must answer the robot again within 1 s.
 */
@Tag("ros")
class ObservationRulesRosTest {
  private static final long MS = 1_000_000L;

  @RegisterExtension static final RoscoreExtension core = new RoscoreExtension();

  /** The controller and a robot node publishing JointState every 20 ms with stamps from its clock. */
  private static final class RosRig implements AutoCloseable {
    final ControlLoop loop;
    final RosNode robot;
    final Publication<JointState> joints;
    final List<JointTrajectory> chunks = new CopyOnWriteArrayList<>();
    long robotClockOffsetNanos;
    int published;

    RosRig(String name) throws Exception {
      RosNode controller = RosNode.start(core.nodeConfig("diffpilot_" + name));
      RosTopics topics = new RosTopics(name, "/" + name + "/joint_states", ObservationType.JOINT_STATE,
          List.of("a", "b"), "/" + name + "/chunk", "/" + name + "/status", "/" + name + "/estop");
      ControlConfig config = ControlConfig.defaults(name).withBudget(50 * MS, 1, 4)
          .withTiming(20 * MS, 4, 300 * MS, 500 * MS);
      loop = new ControlLoop(config, new FixedCostPolicy(2, 2, 8, 2, 0), new RosTransport(controller, topics,
          Clock.system()), Clock.system(), null);
      loop.start(10 * MS);
      robot = RosNode.start(core.nodeConfig("robot_" + name));
      robot.subscribe("/" + name + "/chunk", JointTrajectory.TYPE, chunks::add);
      joints = robot.advertise("/" + name + "/joint_states", JointState.TYPE, false, 8);
      await("the controller to connect", Duration.ofSeconds(20), () -> joints.subscriberCount() == 1);
    }

    long robotNow() {
      return RosTime.now().toNanos() + robotClockOffsetNanos;
    }

    void publish(long stampNanos) {
      joints.publish(new JointState(new Header(++published, RosTime.ofNanos(stampNanos), ""), List.of("a", "b"),
          new double[] {0.25, 0.75}, new double[0], new double[0]));
    }

    /** A chunk stamped on the robot's current clock (within 5 s of it). */
    boolean answeredOnCurrentClock() {
      long now = robotNow();
      return chunks.stream().anyMatch(c -> Math.abs(c.header().stamp().toNanos() - now) < 5_000 * MS);
    }

    /** Publishes every 20 ms until a chunk on the robot's clock arrives; how long that took (ns). */
    long publishUntilAnswered() throws InterruptedException {
      chunks.clear();
      long start = System.nanoTime();
      while (!answeredOnCurrentClock()) {
        assertThat(System.nanoTime() - start).as("waited 20 s for a chunk").isLessThan(20_000 * MS);
        publish(robotNow());
        Thread.sleep(20);
      }
      return System.nanoTime() - start;
    }

    @Override
    public void close() {
      loop.close();
      robot.close();
    }
  }

  @Test
  void aJointStateStampedAnHourAheadIsRejectedAndChunksKeepFlowing() throws Exception {
    try (RosRig rig = new RosRig("wild")) {
      rig.publishUntilAnswered();
      rig.publish(rig.robotNow() + 3_600_000 * MS);
      assertThat(rig.publishUntilAnswered()).isLessThan(1_000 * MS);
      await("the wild stamp to be counted", Duration.ofSeconds(20), () -> rig.loop.faultCount(Fault.FUTURE_STAMP) == 1);
      assertThat(rig.loop.faultCount(Fault.RESYNCHRONISED)).isZero();
    }
  }

  @Test
  void aWildFirstStampIsLeftBehindWithinOneSecond() throws Exception {
    try (RosRig rig = new RosRig("first")) {
      rig.publish(rig.robotNow() + 3_600_000 * MS);
      await("the first observation", Duration.ofSeconds(20), () -> rig.loop.status().observationsAccepted() == 1);
      assertThat(rig.publishUntilAnswered()).isLessThan(1_000 * MS);
      assertThat(rig.loop.faultCount(Fault.RESYNCHRONISED)).isEqualTo(1);
    }
  }

  @Test
  void aRobotWhoseClockStartsAgainIsServedWithinOneSecond() throws Exception {
    try (RosRig rig = new RosRig("reboot")) {
      rig.publishUntilAnswered();
      rig.robotClockOffsetNanos = -RosTime.now().toNanos() + 1_000 * MS; // the robot's clock now reads ~1 s
      assertThat(rig.publishUntilAnswered()).isLessThan(1_000 * MS);
      assertThat(rig.loop.faultCount(Fault.RESYNCHRONISED)).isEqualTo(1);
    }
  }
}
