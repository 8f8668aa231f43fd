package io.diffpilot.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.Observation;
import io.diffpilot.core.ObservationWindow;
import io.diffpilot.core.ObservationWindow.Rejection;
import org.junit.jupiter.api.Test;

/**
 * The sequence and clock rules on their own: the robot publishes every 100 ms with 1 ms of
 * latency; its clock is the controller's plus {@link #OFFSET}.
 */
class ObservationGateTest {
  private static final long MS = 1_000_000L;
  private static final long OFFSET = 5_000_000 * MS;
  private static final long SESSION = 42;
  /** Future tolerance 100 ms, gap 1000, re-sync after 3 rejections and 250 ms of silence. */
  private static final ObservationRules RULES = new ObservationRules(100 * MS, 1_000, 3, 250 * MS);

  private final ObservationGate gate = new ObservationGate(new ObservationWindow(2, 1, 300 * MS,
      RULES.futureToleranceNanos(), RULES.maxSequenceGap()), RULES);
  /** Controller time of the next publication. */
  private long now = 1_000 * MS;
  private long seq;

  /** The robot publishes one observation (sequence, capture) now and the controller gets it 1 ms later. */
  private ObservationGate.Verdict robot(long sequence, long robotCapture, long session) {
    ObservationGate.Verdict v = gate.offer(new Observation(sequence, robotCapture, new float[] {1f}, session), now + MS);
    now += 100 * MS;
    return v;
  }

  private ObservationGate.Verdict robotStep() {
    return robot(++seq, now + OFFSET, SESSION);
  }

  /** Something else on the topic, between two of the robot's publications. */
  private ObservationGate.Verdict stranger(long sequence, long robotCapture, long session) {
    return gate.offer(new Observation(sequence, robotCapture, new float[] {9f}, session), now - 50 * MS);
  }

  private void streamFor(int n) {
    for (int i = 0; i < n; i++) {
      assertThat(robotStep().admitted()).as("observation " + seq).isTrue();
    }
  }

  @Test
  void oneObservationStampedFarInTheFutureIsRejectedAndTheNextOneAdmitted() {
    streamFor(5);
    assertThat(stranger(seq + 1, now + OFFSET + 3_600_000 * MS, SESSION).rejection()).isEqualTo(Rejection.FUTURE_STAMP);
    seq++;
    streamFor(5);
    assertThat(gate.resyncCount()).isZero();
  }

  @Test
  void aWildFirstObservationIsLeftBehindByTheResyncRule() {
    // The very first observation defines the clock, so a wild one is admitted…
    assertThat(robot(1, now + OFFSET + 3_600_000 * MS, 0).admitted()).isTrue();
    // …and the true stream, 100 ms apart, is out of order against it until the rule starts over.
    assertThat(robot(2, now + OFFSET, 0).rejection()).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(robot(3, now + OFFSET, 0).rejection()).isEqualTo(Rejection.OUT_OF_ORDER);
    ObservationGate.Verdict third = robot(4, now + OFFSET, 0);
    assertThat(third.admitted()).isTrue();
    assertThat(third.resyncedAfter()).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(gate.window().latestSequence()).isEqualTo(4);
    assertThat(robot(5, now + OFFSET, 0).admitted()).isTrue();
    // The clock estimate started over too: the robot's "now" is its true clock again.
    assertThat(gate.toRobot(now)).isBetween(now + OFFSET - 2 * MS, now + OFFSET);
  }

  @Test
  void anObservationWithoutASessionIsAnotherSessionToARobotThatSendsOne() {
    streamFor(5);
    assertThat(stranger(seq + 1, now + OFFSET - 50 * MS, 0).rejection()).isEqualTo(Rejection.OTHER_SESSION);
    streamFor(5);
  }

  @Test
  void aLegacyRobotThatRestartsCountingFromOneIsFollowedWithinTheSilenceAndThreeRejections() {
    for (int i = 0; i < 50; i++) {
      assertThat(robot(++seq, now + OFFSET, 0).admitted()).isTrue();
    }
    long restart = now;
    long lastAdmitted = now - 100 * MS + MS;
    assertThat(robot(1, now - restart + MS, 0).rejection()).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(robot(2, now - restart + MS, 0).rejection()).isEqualTo(Rejection.OUT_OF_ORDER);
    long at = now + MS;
    ObservationGate.Verdict v = robot(3, now - restart + MS, 0);
    assertThat(v.admitted()).isTrue();
    assertThat(v.resyncedAfter()).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(at - lastAdmitted).isLessThanOrEqualTo(300 * MS);
    assertThat(robot(4, now - restart + MS, 0).admitted()).isTrue();
  }

  @Test
  void aRobotThatRestartsWithANewSessionIsFollowedAsSoonAsTheOldSessionIsSilent() {
    streamFor(50);
    long restart = now;
    long newSession = 7;
    // Restarted within 100 ms: the old session was admitted 99 ms ago, not silent yet.
    assertThat(robot(1, now - restart + MS, newSession).rejection()).isEqualTo(Rejection.OTHER_SESSION);
    assertThat(robot(2, now - restart + MS, newSession).rejection()).isEqualTo(Rejection.OTHER_SESSION);
    ObservationGate.Verdict v = robot(3, now - restart + MS, newSession);
    assertThat(v.admitted()).isTrue();
    assertThat(v.resyncedAfter()).isEqualTo(Rejection.OTHER_SESSION);
    assertThat(gate.window().latestSession()).isEqualTo(newSession);
  }

  @Test
  void aRestartedSessionIsAdoptedByItsFirstObservationAfterALongerPause() {
    streamFor(10);
    now += 2_000 * MS; // the robot was down for 2 s
    ObservationGate.Verdict v = robot(1, 5 * MS, 8);
    assertThat(v.admitted()).isTrue();
    assertThat(v.resyncedAfter()).isEqualTo(Rejection.OTHER_SESSION);
  }

  @Test
  void aStrangerWithAHugeSequenceIsRejectedAsAJumpAndTheRobotCarriesOn() {
    streamFor(5);
    assertThat(stranger(Long.MAX_VALUE, now + OFFSET - 50 * MS, SESSION).rejection()).isEqualTo(Rejection.SEQUENCE_JUMP);
    streamFor(5);
    assertThat(gate.resyncCount()).isZero();
  }

  @Test
  void aStrangerInsideTheGapLocksTheRobotOutOnlyUntilTheResync() {
    streamFor(5);
    assertThat(stranger(seq + 900, now + OFFSET - 50 * MS, SESSION).admitted()).isTrue();
    int rejected = 0;
    ObservationGate.Verdict v;
    while (!(v = robotStep()).admitted()) {
      rejected++;
    }
    assertThat(rejected).isBetween(2, 3); // 3 rejections and 250 ms of silence: about 300 ms
    assertThat(v.resyncedAfter()).isEqualTo(Rejection.OUT_OF_ORDER);
    streamFor(3);
  }

  @Test
  void aStrangerCannotTakeOverARobotThatIsStillHeard() {
    streamFor(5);
    for (int round = 0; round < 20; round++) {
      // Ten consistent observations of another session, and ten stamped an hour ahead, every 100 ms.
      for (int k = 1; k <= 10; k++) {
        assertThat(stranger(round * 10L + k, round * 100 * MS + k, 99).rejection()).isEqualTo(Rejection.OTHER_SESSION);
      }
      for (int k = 1; k <= 10; k++) {
        assertThat(stranger(seq + k, now + OFFSET + 3_600_000 * MS + k, SESSION).rejection())
            .isEqualTo(Rejection.FUTURE_STAMP);
      }
      assertThat(robotStep().admitted()).isTrue();
    }
    assertThat(gate.resyncCount()).isZero();
  }

  @Test
  void staleObservationsNeverStartTheStreamOver() {
    streamFor(5);
    // The link becomes slow: every observation now arrives 1 s after its capture.
    now += 1_000 * MS;
    for (int i = 0; i < 20; i++) {
      ObservationGate.Verdict v = gate.offer(new Observation(++seq, now + OFFSET - 1_000 * MS, new float[] {1f}, SESSION),
          now);
      now += 100 * MS;
      assertThat(v.rejection()).isEqualTo(Rejection.STALE);
    }
    assertThat(gate.resyncCount()).isZero();
  }

  @Test
  void rejectedObservationsThatDoNotFollowEachOtherNeverMakeARun() {
    streamFor(5);
    now += 1_000 * MS; // silent long enough
    long base = seq;
    for (int i = 0; i < 10; i++) {
      // Older and older sequence numbers: each one starts a new run of 1.
      assertThat(robot(base - 1 - i, now + OFFSET, SESSION).rejection()).isEqualTo(Rejection.OUT_OF_ORDER);
    }
    assertThat(gate.resyncCount()).isZero();
  }

  @Test
  void contentFaultsNeitherCountTowardNorBreakARun() {
    for (int i = 0; i < 5; i++) {
      assertThat(robot(++seq, now + OFFSET, 0).admitted()).isTrue();
    }
    long restart = now;
    assertThat(robot(1, now - restart + MS, 0).rejection()).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(gate.offer(new Observation(2, now - restart, new float[] {Float.NaN}), now).rejection())
        .isEqualTo(Rejection.NOT_FINITE);
    assertThat(robot(2, now - restart + MS, 0).rejection()).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(robot(3, now - restart + MS, 0).resyncedAfter()).isEqualTo(Rejection.OUT_OF_ORDER);
  }
}
