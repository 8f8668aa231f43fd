package io.diffpilot.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Observation;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sequence and clock rules end to end over Debian's real mosquitto (as {@link MosquittoEndToEndTest}
 * starts it): after each way a robot can be locked out — a wild time stamp, a restart that counts
 * from 1 again (with and without a session id), a stranger with a large sequence number — the
 * robot's own observations must be answered by policy chunks again within 1 s. The robot publishes
 * every 20 ms; the controller's rules are the defaults for its 300 ms staleness and 500 ms
 * watchdog (re-sync after 3 rejections and 250 ms without an admitted observation).
 */
class ObservationRulesMosquittoTest {
  private static final long MS = 1_000_000L;
  /** The requirement: chunks resume within this long after each case. */
  private static final long RESUME_NANOS = 1_000 * MS;

  @RegisterExtension
  static final MosquittoProcess mosquitto = new MosquittoProcess();

  private static BrokerConfig robotUser() {
    return BrokerConfig.plain(mosquitto.plainUrl()).withCredentials("robot", "robotpw");
  }

  private static Rig rig(String robot) throws Exception {
    return new Rig(robot, BrokerConfig.plain(mosquitto.plainUrl()).withCredentials("controller", "ctlpw"), robotUser());
  }

  /** The robot's side: its own clock (an offset from the system clock), session and sequence. */
  private static final class Robot {
    final Rig rig;
    long session;
    long clockOffsetNanos;
    long seq;
    /** Sequences this robot published since {@link #mark}: only chunks answering these count. */
    final Set<Long> sinceMark = ConcurrentHashMap.newKeySet();
    volatile boolean marking;

    Robot(Rig rig, long session, long clockOffsetNanos) {
      this.rig = rig;
      this.session = session;
      this.clockOffsetNanos = clockOffsetNanos;
    }

    long clockNanos() {
      return System.nanoTime() + clockOffsetNanos;
    }

    void publish() {
      long s = ++seq;
      if (marking) {
        sinceMark.add(s);
      }
      rig.robotClient.publishObservation(new Observation(s, clockNanos(), new float[] {0.5f, 0.5f}, session));
    }

    /** A new life: sequence from 1 and a monotonic clock from about 0. */
    void restart(long newSession) {
      session = newSession;
      seq = 0;
      clockOffsetNanos = -System.nanoTime() + MS;
    }

    void mark() {
      sinceMark.clear();
      marking = true;
    }

    boolean answeredSinceMark() {
      return rig.chunks.stream().anyMatch(c -> c.origin() == OutgoingChunk.Origin.POLICY
          && sinceMark.contains(c.answersObservationSequence())
          && Math.abs(c.chunk().startNanos() - clockNanos()) < 5_000 * MS); // on this life's clock
    }

    /** Publishes every 20 ms until a chunk answers this robot; returns how long that took (ns). */
    long publishUntilAnswered() throws InterruptedException {
      long start = System.nanoTime();
      while (!answeredSinceMark()) {
        assertThat(System.nanoTime() - start).as("waited 20 s for a chunk answering the robot").isLessThan(20_000 * MS);
        publish();
        Thread.sleep(20);
      }
      long took = System.nanoTime() - start;
      System.out.printf("%s: chunks resumed %.0f ms after the case%n", rig.robot, took / 1e6);
      return took;
    }

    void flowing() throws InterruptedException {
      mark();
      publishUntilAnswered();
      for (int i = 0; i < 10; i++) {
        publish();
        Thread.sleep(20);
      }
    }
  }

  @Test
  void oneObservationStampedAnHourAheadIsRejectedAndChunksKeepFlowing() throws Exception {
    try (Rig rig = rig("rules-future")) {
      Robot robot = new Robot(rig, 0, 0);
      robot.flowing();
      long wild = ++robot.seq;
      rig.robotClient.publishObservation(new Observation(wild, robot.clockNanos() + 3_600_000 * MS, new float[] {9, 9}));
      robot.mark();
      assertThat(robot.publishUntilAnswered()).isLessThan(RESUME_NANOS);
      Rig.await(() -> rig.loop.faultCount(Fault.FUTURE_STAMP) == 1);
      assertThat(rig.chunks).noneMatch(c -> c.answersObservationSequence() == wild);
    }
  }

  @Test
  void aWildFirstObservationIsLeftBehindWithinOneSecond() throws Exception {
    try (Rig rig = rig("rules-first")) {
      Robot robot = new Robot(rig, 0, 0);
      rig.robotClient.publishObservation(new Observation(1_000, robot.clockNanos() + 3_600_000 * MS, new float[] {9, 9}));
      Rig.await(() -> rig.loop.status().observationsAccepted() == 1);
      robot.mark();
      assertThat(robot.publishUntilAnswered()).isLessThan(RESUME_NANOS);
      assertThat(rig.loop.faultCount(Fault.RESYNCHRONISED)).isEqualTo(1);
    }
  }

  @Test
  void aRobotRestartingItsCountFromOneWithoutASessionIsServedWithinOneSecond() throws Exception {
    try (Rig rig = rig("rules-restart")) {
      Robot robot = new Robot(rig, 0, 1_000_000_000 * MS);
      robot.flowing();
      robot.restart(0);
      robot.mark();
      assertThat(robot.publishUntilAnswered()).isLessThan(RESUME_NANOS);
      assertThat(rig.loop.faultCount(Fault.RESYNCHRONISED)).isEqualTo(1);
      assertThat(rig.loop.faultCount(Fault.OUT_OF_ORDER)).isBetween(2L, 20L);
    }
  }

  @Test
  void aRobotRestartingWithANewSessionIsServedWithinOneSecond() throws Exception {
    try (Rig rig = rig("rules-session")) {
      Robot robot = new Robot(rig, 0x5e551011L, 1_000_000_000 * MS);
      robot.flowing();
      robot.restart(0x5e551012L);
      robot.mark();
      assertThat(robot.publishUntilAnswered()).isLessThan(RESUME_NANOS);
      assertThat(rig.loop.faultCount(Fault.RESYNCHRONISED)).isEqualTo(1);
      assertThat(rig.loop.faultCount(Fault.OUT_OF_ORDER)).isZero();
    }
  }

  @Test
  void aStrangerWithAHugeSequenceNumberLocksNobodyOut() throws Exception {
    withAFlowingRobotAndAStranger("rules-stranger", (rig, robot, stranger) -> {
      stranger.publishObservation(new Observation(Long.MAX_VALUE, robot.clockNanos(), new float[] {9, 9}));
      robot.mark();
      assertThat(robot.publishUntilAnswered()).isLessThan(RESUME_NANOS);
      // The stranger's observation is refused: as a sequence jump; as stale when a loaded broker
      // delivers it after the staleness limit (seen in CI); or as out of order when the flowing
      // robot's next observation, stamped after the stranger's, arrives first (seen on a 2-core
      // Xeon). Either way it never moves the sequence.
      Rig.await(() -> rig.loop.faultCount(Fault.SEQUENCE_JUMP) + rig.loop.faultCount(Fault.STALE)
          + rig.loop.faultCount(Fault.OUT_OF_ORDER) >= 1);
      assertThat(rig.loop.faultCount(Fault.SEQUENCE_JUMP)).isLessThanOrEqualTo(1);
      assertThat(rig.loop.faultCount(Fault.RESYNCHRONISED)).isZero();
    });
  }

  @Test
  void aStrangerInsideTheSequenceGapLocksTheRobotOutForLessThanOneSecond() throws Exception {
    withAFlowingRobotAndAStranger("rules-gap", (rig, robot, stranger) -> {
      long before = rig.loop.status().observationsAccepted();
      stranger.publishObservation(new Observation(robot.seq + 500_000, robot.clockNanos(), new float[] {9, 9}));
      Rig.await(() -> rig.loop.status().observationsAccepted() > before);
      robot.mark();
      assertThat(robot.publishUntilAnswered()).isLessThan(RESUME_NANOS);
      assertThat(rig.loop.faultCount(Fault.RESYNCHRONISED)).isEqualTo(1);
    });
  }

  /** What a stranger test does once {@code robotId}'s robot is being served and the stranger is connected. */
  private interface StrangerScene {
    void play(Rig rig, Robot robot, MqttRobotClient stranger) throws Exception;
  }

  /** A robot served in steady flow, and a second client publishing under the same robot id. */
  private static void withAFlowingRobotAndAStranger(String robotId, StrangerScene scene) throws Exception {
    try (Rig rig = rig(robotId);
        MqttRobotClient stranger = new MqttRobotClient(robotUser(), Topics.of(robotId), c -> {}, null)) {
      Robot robot = new Robot(rig, 0, 0);
      robot.flowing();
      scene.play(rig, robot, stranger);
    }
  }
}
