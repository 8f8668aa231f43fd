package io.diffpilot.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.ManualClock;
import io.diffpilot.core.Observation;
import io.diffpilot.core.Sampling;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class ControlLoopTest {
  private static final long MS = 1_000_000L;
  private static final String ROBOT = "r1";

  private final ManualClock clock = new ManualClock(1_000 * MS);
  private final RecordingTransport transport = new RecordingTransport();
  private final List<Integer> stepsAsked = new ArrayList<>();
  private long seq;

  /** A mocked policy [To=2, obsDim=2] → [Ta=8, A=2]; call k costs perStep(k)·steps of clock time. */
  private ChunkPolicy slowPolicy(IntToLongFunction perStepNanosOfCall) {
    ChunkPolicy p = mock(ChunkPolicy.class);
    when(p.obsSteps()).thenReturn(2);
    when(p.obsDim()).thenReturn(2);
    when(p.actionSteps()).thenReturn(8);
    when(p.actionDim()).thenReturn(2);
    AtomicInteger calls = new AtomicInteger();
    when(p.predictChunk(any(), any())).thenAnswer(inv -> {
      int call = calls.incrementAndGet();
      Sampling s = inv.getArgument(1);
      stepsAsked.add(s.steps());
      clock.advance(perStepNanosOfCall.applyAsLong(call) * s.steps());
      float[][] out = new float[8][2];
      for (int i = 0; i < 8; i++) {
        out[i][0] = call;
        out[i][1] = i;
      }
      return out;
    });
    return p;
  }

  private ControlLoop loop(ChunkPolicy policy, ControlConfig config) throws Exception {
    ControlLoop loop = new ControlLoop(config, policy, transport, clock, Runnable::run);
    loop.start(0);
    return loop;
  }

  private void observe(ControlLoop loop, float x) {
    clock.advance(100 * MS);
    loop.onObservation(ROBOT, new Observation(++seq, clock.nanos(), new float[] {x, x}), clock.nanos());
  }

  @Test
  void chunkIsTimeStampedFromTheCaptureTimeAndPastActionsAreDropped() throws Exception {
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT));
    observe(loop, 1);
    long capture = clock.nanos() - 16 * MS; // 16 steps at 1 ms each ran after the observation
    OutgoingChunk c = transport.lastChunk();
    assertThat(c.origin()).isEqualTo(OutgoingChunk.Origin.POLICY);
    assertThat(c.answersObservationSequence()).isEqualTo(1);
    assertThat(c.stepsUsed()).isEqualTo(16);
    assertThat(c.inferenceNanos()).isEqualTo(16 * MS);
    // Action 0 was due at the capture time, already past when inference ended: dropped.
    assertThat(c.chunk().startNanos()).isEqualTo(capture + 100 * MS);
    assertThat(c.chunk().length()).isEqualTo(7);
    assertThat(c.chunk().actions()[0][1]).isEqualTo(1f);
    // …which is the normal cost of inference inside the budget, not a fault.
    assertThat(loop.faultCount(Fault.LATE_ACTIONS_DROPPED)).isZero();
    assertThat(loop.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
  }

  @Test
  void actionsLateBeyondTheBudgetAreTheFault() throws Exception {
    ControlLoop loop = loop(slowPolicy(call -> 15 * MS), ControlConfig.defaults(ROBOT));
    observe(loop, 1); // 16 steps x 15 ms = 240 ms: actions at +0, +100 and +200 ms are past
    assertThat(transport.lastChunk().chunk().length()).isEqualTo(5);
    // The budget (80 ms) allows the first to be past; the other two are the fault.
    assertThat(loop.faultCount(Fault.LATE_ACTIONS_DROPPED)).isEqualTo(2);
    assertThat(loop.faultCount(Fault.DEADLINE_MISS)).isEqualTo(1);
  }

  @Test
  void aChunkThatCannotBePublishedNeverCountsAsRunning() throws Exception {
    transport.failPublishing = true;
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT));
    for (int i = 0; i < 5; i++) {
      observe(loop, 1);
    }
    assertThat(loop.faultCount(Fault.PUBLISH_FAILED)).isGreaterThanOrEqualTo(5);
    assertThat(loop.status().state()).isEqualTo(RuntimeStatus.State.STARTING);
    assertThat(loop.status().detail()).contains("no policy chunk reaches the robot");
    assertThat(loop.status().chunksPublished()).isZero();
    assertThat(transport.statuses).noneMatch(st -> st.state() == RuntimeStatus.State.RUNNING);

    transport.failPublishing = false;
    observe(loop, 2);
    assertThat(loop.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);

    transport.failPublishing = true;
    for (int i = 0; i < 4; i++) {
      observe(loop, 3); // the robot runs out of its chunk; every new one fails
    }
    RuntimeStatus s = loop.status();
    assertThat(s.state()).isEqualTo(RuntimeStatus.State.HOLDING);
    assertThat(s.detail()).contains("could not be published");
    assertThat(transport.lastStatus().state()).isEqualTo(RuntimeStatus.State.HOLDING);

    transport.failPublishing = false;
    observe(loop, 4);
    assertThat(loop.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
    assertThat(transport.lastChunk().answersObservationSequence()).isEqualTo(seq);
  }

  @Test
  void aDeadlineHoldIsNotLeftByObservationsAloneSoTheStateDoesNotFlap() throws Exception {
    ChunkPolicy policy = slowPolicy(call -> call <= 2 ? MS : 30 * MS);
    ControlLoop loop = loop(policy, ControlConfig.defaults(ROBOT));
    for (int i = 0; i < 60; i++) {
      observe(loop, 1);
      loop.tick();
    }
    List<RuntimeStatus.State> changes = new ArrayList<>();
    for (RuntimeStatus st : transport.statuses) {
      if (changes.isEmpty() || changes.get(changes.size() - 1) != st.state()) {
        changes.add(st.state());
      }
    }
    // Probes at the minimum step count may get a chunk through (RUNNING) and the next miss holds
    // again, but observations arriving never turn a deadline hold into STARTING.
    assertThat(changes).doesNotContainSubsequence(RuntimeStatus.State.HOLDING, RuntimeStatus.State.STARTING);
    assertThat(changes).contains(RuntimeStatus.State.HOLDING);
  }

  @Test
  void aRobotThatRestartsIsServedAgainOnItsNewClock() throws Exception {
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT));
    for (int i = 0; i < 10; i++) {
      observe(loop, 1);
    }
    float[] lastCommanded = transport.lastChunk().chunk().actions()[0];
    // The robot restarts: sequence from 1, its monotonic clock from about 0 (no session id).
    long boot = clock.nanos();
    int before = transport.chunks.size();
    for (long k = 1; k <= 3; k++) {
      clock.advance(100 * MS);
      loop.onObservation(ROBOT, new Observation(k, clock.nanos() - boot, new float[] {5, 5}), clock.nanos());
    }
    assertThat(loop.faultCount(Fault.OUT_OF_ORDER)).isEqualTo(2);
    assertThat(loop.faultCount(Fault.RESYNCHRONISED)).isEqualTo(1);
    OutgoingChunk fresh = transport.lastChunk();
    assertThat(transport.chunks.size()).isGreaterThan(before);
    assertThat(fresh.origin()).isEqualTo(OutgoingChunk.Origin.POLICY);
    assertThat(fresh.answersObservationSequence()).isEqualTo(3);
    // Stamped on the robot's new clock: capture (300 ms after boot) + one step.
    assertThat(fresh.chunk().startNanos()).isEqualTo(300 * MS + 100 * MS);
    assertThat(loop.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
    assertThat(lastCommanded).isNotNull();
  }

  @Test
  void nextChunkIsRequestedOnlyWhenRemainingActionsFallToTheThreshold() throws Exception {
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT));
    observe(loop, 1); // chunk 1: 7 actions left
    observe(loop, 1); // 6 left
    observe(loop, 1); // 5 left
    assertThat(stepsAsked).hasSize(1);
    observe(loop, 1); // 4 left = threshold: next chunk computed while the current one runs
    assertThat(stepsAsked).hasSize(2);
  }

  @Test
  void slowPolicyMakesTheSchedulerDegradeStepsThenHoldAndCount() throws Exception {
    // calls 1-2: 1 ms per step; call 3: 10 ms; then 30 ms (not even minSteps=4 fit 0.8 x 80 ms).
    ChunkPolicy policy = slowPolicy(call -> call <= 2 ? MS : call == 3 ? 10 * MS : 30 * MS);
    ControlLoop loop = loop(policy, ControlConfig.defaults(ROBOT));
    for (int i = 0; i < 40; i++) {
      observe(loop, 1);
    }
    assertThat(stepsAsked.subList(0, 4)).containsExactly(16, 16, 16, 6);
    assertThat(stepsAsked.subList(4, stepsAsked.size())).allMatch(s -> s == 4); // probes at minSteps only
    assertThat(loop.faultCount(Fault.DEADLINE_MISS)).isGreaterThan(10);
    List<OutgoingChunk> holds = transport.chunks.stream().filter(c -> c.origin() == OutgoingChunk.Origin.HOLD).toList();
    assertThat(holds).isNotEmpty();
    OutgoingChunk hold = holds.get(0);
    OutgoingChunk before = transport.chunks.get(transport.chunks.indexOf(hold) - 1);
    float[][] last = before.chunk().actions();
    assertThat(hold.chunk().actions()[0]).containsExactly(last[last.length - 1]); // last commanded position
    assertThat(hold.stepsUsed()).isZero();
    assertThat(transport.statuses).anyMatch(s -> s.state() == RuntimeStatus.State.HOLDING);
    assertThat(loop.status().count(Fault.DEADLINE_MISS)).isEqualTo(loop.faultCount(Fault.DEADLINE_MISS));
  }

  /** As {@link #slowPolicy}, but each call also waits {@code waitNanos} (a remote queue) and reports 1 ms per step of compute. */
  private ChunkPolicy queuedRemotePolicy(long waitNanos) {
    ChunkPolicy p = mock(ChunkPolicy.class, withSettings().extraInterfaces(ComputeTimed.class));
    when(p.obsSteps()).thenReturn(2);
    when(p.obsDim()).thenReturn(2);
    when(p.actionSteps()).thenReturn(8);
    when(p.actionDim()).thenReturn(2);
    AtomicLong lastCompute = new AtomicLong(-1);
    when(((ComputeTimed) p).lastComputeNanos()).thenAnswer(inv -> lastCompute.get());
    when(p.predictChunk(any(), any())).thenAnswer(inv -> {
      Sampling s = inv.getArgument(1);
      stepsAsked.add(s.steps());
      clock.advance(waitNanos + s.steps() * MS);
      lastCompute.set(s.steps() * MS);
      return new float[8][2];
    });
    return p;
  }

  @Test
  void aRemoteQueueTakesStepsOffTheBudgetButIsNotReadAsSlowSteps() throws Exception {
    // 1 ms of compute per step plus a 50 ms wait, inside the 80 ms budget. The wait comes off the
    // 0.8 x 80 ms before the steps are fitted: 14 steps. Timed on the round trip as step cost,
    // the scheduler would call a step 66 / 16 ms and cut to 15, then 12, 10, ...
    ControlLoop loop = loop(queuedRemotePolicy(50 * MS), ControlConfig.defaults(ROBOT));
    for (int i = 0; i < 30; i++) {
      observe(loop, 1);
    }
    assertThat(stepsAsked).hasSizeGreaterThan(5);
    assertThat(stepsAsked.subList(2, stepsAsked.size())).containsOnly(14); // the first is the unmeasured cold call
    assertThat(loop.faultCount(Fault.DEADLINE_MISS)).isZero();
  }

  @Test
  void aRemoteQueueOverTheBudgetIsCountedOnEveryLateAnswerNotRefusedInAdvance() throws Exception {
    ControlLoop loop = loop(queuedRemotePolicy(90 * MS), ControlConfig.defaults(ROBOT));
    for (int i = 0; i < 30; i++) {
      observe(loop, 1);
    }
    // The robot keeps asking, at the fewest steps; each answer comes 94 ms after its request.
    assertThat(stepsAsked).hasSizeGreaterThan(5);
    assertThat(stepsAsked.subList(2, stepsAsked.size())).containsOnly(4);
    assertThat(loop.faultCount(Fault.DEADLINE_MISS)).isEqualTo(stepsAsked.size());
  }

  @Test
  void warmUpSeedsTheSchedulerSoTheFirstServedChunkFitsTheBudget() throws Exception {
    // Warm-up calls 1-8 are slow (JIT still compiling: 40 ms per step), then 10 ms per step:
    // 0.8 x 80 ms fits 6 steps. Cold, the first served chunk would ask for 16; had the slow calls
    // been counted, for fewer than the minimum of 4 (a hold).
    ControlLoop loop = new ControlLoop(ControlConfig.defaults(ROBOT),
        slowPolicy(call -> call <= 8 ? 40 * MS : 10 * MS), transport, clock, Runnable::run);
    assertThat(loop.warmUp(60_000_000_000L, 20)).isEqualTo(20);
    assertThat(stepsAsked).hasSize(20).containsOnly(16);
    assertThat(transport.chunks).isEmpty(); // nothing reaches the robot during warm-up
    loop.start(0);
    observe(loop, 1);
    assertThat(stepsAsked.get(20)).isEqualTo(6);
    assertThat(loop.faultCount(Fault.DEADLINE_MISS)).isZero();
  }

  @Test
  void policyFailingDuringWarmUpIsCountedAndNotThrown() throws Exception {
    ChunkPolicy p = slowPolicy(call -> MS);
    doAnswer(inv -> {
      throw new IllegalStateException("weights missing");
    }).when(p).predictChunk(any(), any());
    ControlLoop loop = new ControlLoop(ControlConfig.defaults(ROBOT), p, transport, clock, Runnable::run);
    assertThat(loop.warmUp(60_000_000_000L, 5)).isZero();
    assertThat(loop.faultCount(Fault.POLICY_ERROR)).isEqualTo(1);
  }

  @Test
  void closeWaitsForTheInferenceInFlightBeforeTheOwnerClosesThePolicy() throws Exception {
    ChunkPolicy p = slowPolicy(call -> MS);
    CountDownLatch inferring = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    doAnswer(inv -> {
      inferring.countDown();
      release.await();
      finished.set(true);
      return new float[8][2];
    }).when(p).predictChunk(any(), any());
    ControlLoop loop = new ControlLoop(ControlConfig.defaults(ROBOT), p, transport, clock, null);
    loop.start(0);
    observe(loop, 1);
    assertThat(inferring.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(loop::close);
    closer.start();
    closer.join(200);
    assertThat(closer.isAlive()).as("close() returned while the policy was still running").isTrue();
    release.countDown();
    closer.join(10_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(finished).isTrue();
  }

  @Test
  void eachBadObservationGetsItsCountedReasonAndNoNewChunk() throws Exception {
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT));
    observe(loop, 1);
    int published = transport.chunks.size();
    long lastCapture = clock.nanos() - 16 * MS;
    long now = clock.nanos();
    loop.onObservation(ROBOT, new Observation(++seq, now, new float[] {1, 2, 3}), now);
    loop.onObservation(ROBOT, new Observation(++seq, now, new float[] {Float.NaN, 0}), now);
    loop.onObservation(ROBOT, new Observation(1, now, new float[] {1, 1}), now); // seq 1 again
    loop.onObservation(ROBOT, new Observation(++seq, lastCapture - 1, new float[] {1, 1}), now); // older capture
    clock.advance(1_000 * MS);
    loop.onObservation(ROBOT, new Observation(++seq, lastCapture + MS, new float[] {1, 1}), clock.nanos());
    loop.onMalformed(ROBOT, "observation: not a diffpilot.v1.Observation");
    RuntimeStatus s = loop.status();
    assertThat(s.count(Fault.WRONG_DIMENSION)).isEqualTo(1);
    assertThat(s.count(Fault.NOT_FINITE)).isEqualTo(1);
    assertThat(s.count(Fault.DUPLICATE_SEQUENCE)).isEqualTo(1);
    assertThat(s.count(Fault.OUT_OF_ORDER)).isEqualTo(1);
    assertThat(s.count(Fault.STALE)).isEqualTo(1);
    assertThat(s.count(Fault.MALFORMED_PAYLOAD)).isEqualTo(1);
    assertThat(s.observationsAccepted()).isEqualTo(1);
    assertThat(transport.chunks).hasSize(published); // the robot keeps executing what it has
  }

  @Test
  void staleObservationsLeadToAWatchdogHoldAtTheLastCommandedPosition() throws Exception {
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT));
    observe(loop, 1);
    float[][] commanded = transport.lastChunk().chunk().actions();
    clock.advance(2_000 * MS); // past the whole chunk and the 500 ms watchdog
    loop.tick();
    OutgoingChunk hold = transport.lastChunk();
    assertThat(hold.origin()).isEqualTo(OutgoingChunk.Origin.HOLD);
    assertThat(hold.chunk().actions()[0]).containsExactly(commanded[commanded.length - 1]);
    assertThat(loop.status().state()).isEqualTo(RuntimeStatus.State.HOLDING);
    assertThat(loop.faultCount(Fault.WATCHDOG_HOLD)).isEqualTo(1);
    loop.tick();
    assertThat(loop.faultCount(Fault.WATCHDOG_HOLD)).isEqualTo(1); // one event per hold, not per tick
    observe(loop, 2); // fresh observations resume control
    assertThat(transport.lastChunk().origin()).isEqualTo(OutgoingChunk.Origin.POLICY);
    assertThat(loop.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
  }

  @Test
  void emergencyStopWinsOverEverything() throws Exception {
    List<Runnable> queued = new ArrayList<>();
    ControlLoop loop = new ControlLoop(ControlConfig.defaults(ROBOT), slowPolicy(call -> MS), transport, clock,
        queued::add);
    loop.start(0);
    observe(loop, 1);
    queued.remove(0).run(); // first chunk published
    observe(loop, 1);
    observe(loop, 1);
    observe(loop, 1); // triggers: inference now in flight
    assertThat(queued).hasSize(1);
    loop.onEmergencyStop(ROBOT, true);
    OutgoingChunk stop = transport.lastChunk();
    assertThat(stop.origin()).isEqualTo(OutgoingChunk.Origin.EMERGENCY_STOP);
    queued.remove(0).run(); // the in-flight result arrives after the stop: discarded
    assertThat(transport.lastChunk()).isSameAs(stop);
    for (int i = 0; i < 10; i++) {
      observe(loop, 1);
      loop.tick();
    }
    assertThat(queued).isEmpty(); // no inference while stopped
    assertThat(transport.lastChunk()).isSameAs(stop); // the watchdog does not override the stop either
    assertThat(loop.status().state()).isEqualTo(RuntimeStatus.State.EMERGENCY_STOPPED);
    assertThat(loop.faultCount(Fault.EMERGENCY_STOP)).isEqualTo(1);
    loop.onEmergencyStop(ROBOT, false);
    observe(loop, 1);
    assertThat(queued).hasSize(1);
  }

  @Test
  void policyFailuresAreCountedAndTheLoopCarriesOn() throws Exception {
    ChunkPolicy p = slowPolicy(call -> MS);
    AtomicInteger calls = new AtomicInteger();
    doAnswer(inv -> switch (calls.incrementAndGet()) {
      case 1 -> throw new IllegalStateException("CUDA out of memory");
      case 2 -> new float[][] {{Float.NaN, 0}};
      case 3 -> new float[][] {{1, 2, 3}};
      default -> new float[][] {{1, 2}, {3, 4}, {5, 6}};
    }).when(p).predictChunk(any(), any());
    ControlLoop loop = loop(p, ControlConfig.defaults(ROBOT));
    for (int i = 0; i < 4; i++) {
      observe(loop, 1);
    }
    assertThat(loop.faultCount(Fault.POLICY_ERROR)).isEqualTo(3);
    assertThat(transport.chunks).hasSize(1);
    assertThat(transport.lastChunk().origin()).isEqualTo(OutgoingChunk.Origin.POLICY);
  }

  @Test
  void boundsAndRateLimitsApplyToPublishedChunks() throws Exception {
    SafetyLimits limits = new SafetyLimits(new float[] {0, 0}, new float[] {2, 100}, new float[] {1000, 20});
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT).withLimits(limits));
    observe(loop, 1);
    float[][] a = transport.lastChunk().chunk().actions();
    assertThat(a[0][0]).isEqualTo(1f); // call 1 → 1, within [0, 2]
    // dim 1 asked 1, 2, …, 7: rate limit 20/s × 0.1 s = 2 per step allows it; no clamping either.
    assertThat(loop.faultCount(Fault.ACTION_CLAMPED)).isZero();
    for (int i = 0; i < 3; i++) {
      observe(loop, 1);
    }
    // call 2 → dim 0 asks 2 (inside bounds); the third chunk asks 3 → clamped to 2.
    for (int i = 0; i < 4; i++) {
      observe(loop, 1);
    }
    assertThat(loop.faultCount(Fault.ACTION_CLAMPED)).isPositive();
    for (OutgoingChunk c : transport.chunks) {
      for (float[] row : c.chunk().actions()) {
        assertThat(row[0]).isBetween(0f, 2f);
      }
    }
  }

  @Test
  void failedPublishIsCounted() throws Exception {
    transport.failPublishing = true;
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT));
    observe(loop, 1);
    assertThat(loop.faultCount(Fault.PUBLISH_FAILED)).isEqualTo(1);
  }

  @Test
  void observationForAnotherRobotIsCountedAsMalformed() throws Exception {
    ControlLoop loop = loop(slowPolicy(call -> MS), ControlConfig.defaults(ROBOT));
    loop.onObservation("r2", new Observation(1, clock.nanos(), new float[] {1, 1}), clock.nanos());
    assertThat(loop.faultCount(Fault.MALFORMED_PAYLOAD)).isEqualTo(1);
    assertThat(stepsAsked).isEmpty();
  }

  @Test
  void inferenceNeverBlocksTheTransportThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ChunkPolicy p = slowPolicy(call -> 0);
    doAnswer(inv -> {
      release.await(30, TimeUnit.SECONDS);
      return new float[][] {{1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}};
    }).when(p).predictChunk(any(), any());
    try (ControlLoop loop = new ControlLoop(ControlConfig.defaults(ROBOT), p, transport, clock, null)) {
      loop.start(0);
      observe(loop, 1); // returns although the policy is blocked on the latch
      assertThat(loop.inferenceInFlight()).isTrue();
      observe(loop, 1); // and the next observation is still admitted
      assertThat(loop.status().observationsAccepted()).isEqualTo(2);
      release.countDown();
      for (int i = 0; i < 500 && transport.chunks.isEmpty(); i++) {
        Thread.sleep(10);
      }
      assertThat(transport.chunks).isNotEmpty();
    }
    assertThat(transport.lastStatus().state()).isEqualTo(RuntimeStatus.State.OFFLINE);
  }
}
