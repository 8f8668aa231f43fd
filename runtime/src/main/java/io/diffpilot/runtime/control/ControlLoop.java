package io.diffpilot.runtime.control;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Clock;
import io.diffpilot.core.Observation;
import io.diffpilot.core.ObservationWindow;
import io.diffpilot.core.Sampling;
import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.runtime.transport.TransportException;
import io.diffpilot.runtime.transport.TransportListener;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The control loop of one robot: observations in, time-stamped, merged, clamped action chunks out.
 *
 * <p>One cycle (DESIGN.md): the transport thread calls {@link #onObservation}, which validates the
 * observation through the {@link ObservationGate} (sequence, session and clock rules, re-sync)
 * into the {@link ObservationWindow} and, when the executing plan has
 * ≤ {@code triggerRemaining} actions left and no inference is running, asks the
 * {@link InferenceScheduler} how many denoising steps fit the budget and hands a history snapshot
 * to the inference executor; it never waits for inference. The inference thread runs the
 * {@link ChunkPolicy}, time-stamps the actions (newest capture time + offset + i·step, robot
 * clock), drops those already in the past, merges with the executing plan, applies the
 * {@link SafetyLimits} and publishes. {@link #tick} (a timer, or the test) runs the observation
 * watchdog and periodic status.
 *
 * <p>Safety: no valid observation for {@code watchdogNanos} → a hold chunk at the last commanded
 * position; the emergency stop wins over everything (hold, discard inference results, no new
 * inference until released). Every fault is counted ({@link Fault}) and logged, at most one line
 * per cause per interval ({@link RateLimitedLog}); no exception leaves a listener method or the
 * inference task. The state is {@code RUNNING} only after a policy chunk was handed to the wire:
 * a chunk the transport refuses leaves the executing plan as it was and the state says so.
 */
public final class ControlLoop implements TransportListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
  /** Slots in a hold chunk: a robot keeps the last action after a chunk ends, one slot would do. */
  private static final int HOLD_SLOTS = 1;

  private final ControlConfig config;
  private final ChunkPolicy policy;
  private final ControllerTransport transport;
  private final Clock clock;
  private final Executor inferenceExecutor;
  private final ExecutorService ownedExecutor;
  private final FaultCounters faults;
  private final RateLimitedLog log;
  private final Object lock = new Object();

  /** Why the loop is HOLDING: only a watchdog hold ends when observations come back. */
  private enum HoldCause { WATCHDOG, DEADLINE, PUBLISH }

  // All below guarded by lock.
  private final ObservationWindow window;
  private final ObservationGate gate;
  private final InferenceScheduler scheduler;
  private ActionPlan plan;
  private HoldCause holdCause;
  private boolean inFlight;
  /** Bumped by the watchdog and the emergency stop: results of older inferences are discarded. */
  private long epoch;
  private boolean estop;
  private RuntimeStatus.State state = RuntimeStatus.State.STARTING;
  private String detail = "waiting for observations";
  private long lastValidNanos = Long.MIN_VALUE;
  private long lastStatusNanos = Long.MIN_VALUE;
  private long chunkSequence;
  private long chunksPublished;
  private int lastSteps;
  private long lastInferenceNanos;
  private long inferences;
  private long lastRequestedSequence = Long.MIN_VALUE;
  /** Default warm-up (see {@link #warmUp}): about what C2 needs to compile the Java kernels. */
  public static final long WARM_UP_NANOS = 3_000_000_000L;
  public static final int WARM_UP_CHUNKS = 200;
  private static final long CLOSE_WAIT_SECONDS = 30;
  private static final int WARM_UP_RECORDED = InferenceScheduler.WINDOW;

  private ScheduledExecutorService ticker;
  private volatile boolean closed;

  /**
   * @param inferenceExecutor where inference runs; null for a dedicated daemon thread owned (and
   *     shut down) by this loop. Tests pass {@code Runnable::run} for determinism.
   */
  public ControlLoop(ControlConfig config, ChunkPolicy policy, ControllerTransport transport, Clock clock,
      Executor inferenceExecutor) {
    this.config = Objects.requireNonNull(config, "config");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (config.limits() != null && config.limits().dim() != policy.actionDim()) {
      throw new IllegalArgumentException("safety limits have width " + config.limits().dim()
          + " but the policy's actions have width " + policy.actionDim());
    }
    if (inferenceExecutor == null) {
      ownedExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diffpilot-inference-" + config.robotId());
        t.setDaemon(true);
        return t;
      });
      this.inferenceExecutor = ownedExecutor;
    } else {
      ownedExecutor = null;
      this.inferenceExecutor = inferenceExecutor;
    }
    this.log = new RateLimitedLog(LOG, clock, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
    this.faults = new FaultCounters(log, config.robotId());
    ObservationRules rules = config.observationRules();
    this.window = new ObservationWindow(policy.obsSteps(), policy.obsDim(), config.stalenessNanos(),
        rules.futureToleranceNanos(), rules.maxSequenceGap());
    this.gate = new ObservationGate(window, rules);
    this.scheduler = new InferenceScheduler(config.budgetNanos(), config.minSteps(), config.maxSteps(),
        config.budgetMargin(), 10);
  }

  /**
   * Runs the policy on a neutral history before the robot is served, until {@code maxWallNanos} of
   * wall time or {@code maxChunks} chunks have passed, and feeds the measured costs to the
   * scheduler. Without it the first seconds on the robot pay for JIT compilation (chunks several
   * times slower than later) and the scheduler starts from no estimate at all. Call before
   * {@link #start}; a policy failure here is reported, not thrown, and leaves the scheduler cold.
   *
   * @return the chunks run, or 0 when the policy failed
   */
  public int warmUp(long maxWallNanos, int maxChunks) {
    float[][] history = new float[policy.obsSteps()][policy.obsDim()];
    long[] costs = new long[Math.max(0, maxChunks)];
    long start = System.nanoTime();
    int chunks = 0;
    try {
      while (chunks < maxChunks && System.nanoTime() - start < maxWallNanos && !closed) {
        long t0 = clock.nanos();
        policy.predictChunk(history, new Sampling(config.sampler(), config.maxSteps(), config.seed() - 1 - chunks));
        costs[chunks++] = clock.nanos() - t0;
      }
    } catch (RuntimeException e) {
      faults.add(Fault.POLICY_ERROR, 1, "policy failed during warm-up: " + e);
      return 0;
    }
    // Only the later half (at most a scheduler window) reaches the scheduler: the early ones
    // ran before the JIT had compiled the kernels and would hold its cost quantile up for the
    // first dozens of real chunks, or even push the step count below the minimum.
    synchronized (lock) {
      for (int i = Math.max(chunks / 2, chunks - WARM_UP_RECORDED); i < chunks; i++) {
        scheduler.record(config.maxSteps(), costs[i]);
      }
    }
    LOG.info("[{}] policy warmed up: {} chunks of {} steps in {} ms; the scheduler now fits {} steps in {} ms",
        config.robotId(), chunks, config.maxSteps(), (System.nanoTime() - start) / 1_000_000,
        scheduler.stepsThatFit(), config.budgetNanos() / 1_000_000);
    return chunks;
  }

  /** Starts the transport and, if {@code tickPeriodNanos} &gt; 0, a timer calling {@link #tick}. */
  public void start(long tickPeriodNanos) throws TransportException {
    transport.start(this);
    publishStatus(true);
    if (tickPeriodNanos > 0) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "diffpilot-watchdog-" + config.robotId());
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::tick, tickPeriodNanos, tickPeriodNanos, TimeUnit.NANOSECONDS);
    }
  }

  // ------------------------------------------------------------------ transport thread

  @Override
  public void onObservation(String robotId, Observation observation, long receivedNanos) {
    try {
      if (!config.robotId().equals(robotId)) {
        faults.add(Fault.MALFORMED_PAYLOAD, 1, "observation for robot '" + robotId + "' reached the loop of '"
            + config.robotId() + "'");
        return;
      }
      synchronized (lock) {
        long robotNowBefore = gate.toRobot(receivedNanos);
        ObservationGate.Verdict verdict = gate.offer(observation, receivedNanos);
        if (!verdict.admitted()) {
          faults.add(Fault.of(verdict.rejection()), 1, "observation " + observation.sequence() + " rejected: "
              + verdict.rejection());
          return;
        }
        if (verdict.resyncedAfter() != null) {
          resynchronised(observation, verdict.resyncedAfter(), robotNowBefore);
        }
        long robotNow = gate.toRobot(receivedNanos);
        lastValidNanos = receivedNanos;
        if (state == RuntimeStatus.State.HOLDING && holdCause == HoldCause.WATCHDOG && !estop) {
          holdCause = null;
          setState(RuntimeStatus.State.STARTING, "observations resumed");
        }
        maybeRequestChunk(robotNow);
      }
    } catch (RuntimeException e) {
      faults.add(Fault.INTERNAL_ERROR, 1, "onObservation: " + e);
    }
  }

  /**
   * Under lock. The gate started the stream over at {@code o}: the robot's clock may be another one
   * now, so the executing plan is re-stamped as a hold at the last commanded position on the new
   * clock (the rate limit still starts from there), an inference in flight is discarded (its times
   * are on the old clock), and the next observation is asked about even if its sequence number was
   * already answered in the old stream.
   */
  private void resynchronised(Observation o, ObservationWindow.Rejection after, long robotNowBefore) {
    epoch++;
    lastRequestedSequence = Long.MIN_VALUE;
    if (plan != null) {
      plan = ActionPlan.hold(plan.actionAt(robotNowBefore), o.captureNanos(), config.stepNanos(), HOLD_SLOTS);
    }
    faults.add(Fault.RESYNCHRONISED, 1, "started the observation stream over at sequence " + o.sequence()
        + (o.session() != 0 ? " of session " + Long.toUnsignedString(o.session()) : "") + " after "
        + (after == ObservationWindow.Rejection.OTHER_SESSION ? "a new session"
            : config.observationRules().resyncAfterRejections() + " consecutive " + after + " rejections")
        + " and " + config.observationRules().resyncSilenceNanos() / 1_000_000 + " ms without an admitted observation");
  }

  @Override
  public void onMalformed(String robotId, String reason) {
    faults.add(Fault.MALFORMED_PAYLOAD, 1, reason);
  }

  @Override
  public void onEmergencyStop(String robotId, boolean engaged) {
    try {
      if (!config.robotId().equals(robotId)) {
        return;
      }
      synchronized (lock) {
        if (engaged == estop) {
          return;
        }
        estop = engaged;
        epoch++;
        if (engaged) {
          faults.add(Fault.EMERGENCY_STOP, 1, "emergency stop engaged");
          setState(RuntimeStatus.State.EMERGENCY_STOPPED, "emergency stop engaged");
          publishHold(OutgoingChunk.Origin.EMERGENCY_STOP);
        } else {
          LOG.warn("[{}] emergency stop released", config.robotId());
          // Require fresh observations before moving again.
          lastValidNanos = Long.MIN_VALUE;
          holdCause = null;
          setState(RuntimeStatus.State.STARTING, "emergency stop released; waiting for observations");
        }
        publishStatus(true);
      }
    } catch (RuntimeException e) {
      faults.add(Fault.INTERNAL_ERROR, 1, "onEmergencyStop: " + e);
    }
  }

  @Override
  public void onConnectionChange(boolean connected) {
    if (!connected) {
      faults.add(Fault.CONNECTION_LOST, 1, "transport disconnected");
    } else {
      LOG.info("[{}] transport connected", config.robotId());
    }
  }

  /** Under lock. */
  private void maybeRequestChunk(long robotNow) {
    if (estop || inFlight || closed) {
      return;
    }
    if (lastValidNanos == Long.MIN_VALUE) {
      return;
    }
    int remaining = plan == null ? 0 : plan.remainingAt(robotNow);
    if (plan != null && remaining > config.triggerRemaining()) {
      return;
    }
    if (window.latestSequence() == lastRequestedSequence) {
      return; // nothing new to condition on: asking again would only repeat the last answer
    }
    int steps = scheduler.chooseSteps();
    if (steps == 0) {
      faults.add(Fault.DEADLINE_MISS, 1, "even " + config.minSteps() + " steps exceed the "
          + config.budgetNanos() / 1e6 + " ms budget (per-step estimate "
          + Math.round(scheduler.perStepEstimateNanos() / 1e3) / 1e3 + " ms); keeping the previous chunk");
      if (remaining == 0 && plan != null && state != RuntimeStatus.State.HOLDING) {
        hold(HoldCause.DEADLINE, "no chunk fits the budget");
        publishHold(OutgoingChunk.Origin.HOLD);
        publishStatus(true);
      }
      return;
    }
    float[][] history = window.history();
    long capture = window.latestCaptureNanos();
    long obsSeq = window.latestSequence();
    long myEpoch = epoch;
    long seed = config.seed() + inferences++;
    lastRequestedSequence = obsSeq;
    inFlight = true;
    try {
      inferenceExecutor.execute(() -> infer(history, capture, obsSeq, steps, seed, myEpoch));
    } catch (RejectedExecutionException e) {
      inFlight = false;
      faults.add(Fault.INTERNAL_ERROR, 1, "inference executor refused the task: " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ inference thread

  private void infer(float[][] history, long captureNanos, long obsSeq, int steps, long seed, long myEpoch) {
    float[][] out = null;
    String error = null;
    long t0 = clock.nanos();
    try {
      out = policy.predictChunk(history, new Sampling(config.sampler(), steps, seed));
      error = checkShape(out);
    } catch (RuntimeException e) {
      error = "policy threw " + e;
    }
    long took = clock.nanos() - t0;
    try {
      synchronized (lock) {
        inFlight = false;
        if (error == null) {
          // A failed call (a remote policy's timeout) says nothing about what a chunk costs.
          scheduler.record(steps, took);
        }
        if (took > config.budgetNanos()) {
          faults.add(Fault.DEADLINE_MISS, 1, "inference of " + steps + " steps took " + took / 1e6 + " ms, budget "
              + config.budgetNanos() / 1e6 + " ms");
        }
        if (error != null) {
          faults.add(Fault.POLICY_ERROR, 1, error);
          return;
        }
        if (myEpoch != epoch || estop || closed) {
          return; // the world changed while we were thinking (estop, watchdog hold)
        }
        ActionChunk fresh = new ActionChunk(captureNanos + config.actionOffsetNanos(), config.stepNanos(), out, steps);
        long robotNow = gate.toRobot(clock.nanos());
        ActionPlan.Merge merge = ActionPlan.merge(plan, fresh, robotNow, config.mergeRule(), config.averageWeight(),
            config.exponentialK());
        long beyondBudget = merge.lateDropped() - expectedLateActions();
        faults.add(Fault.LATE_ACTIONS_DROPPED, beyondBudget, merge.lateDropped() + " actions of the chunk answering"
            + " observation " + obsSeq + " were already in the past, " + beyondBudget + " more than the budget allows");
        if (merge.plan() == null) {
          return; // every action was late: keep executing what the robot has
        }
        float[] previous = plan == null ? null : plan.actionAt(robotNow);
        if (config.limits() != null) {
          SafetyLimits.Applied applied = config.limits().apply(merge.plan().actions, previous, config.stepNanos());
          faults.add(Fault.ACTION_CLAMPED, applied.clamped(), applied.clamped() + " actions clamped to bounds");
          faults.add(Fault.RATE_LIMITED, applied.rateLimited(), applied.rateLimited() + " actions rate-limited");
        }
        long sequence = ++chunkSequence;
        if (!publish(new OutgoingChunk(config.robotId(), sequence, obsSeq, merge.plan().toChunk(steps), took,
            OutgoingChunk.Origin.POLICY))) {
          // The robot never got it: it goes on with the plan it has, and so does the loop.
          String why = "policy chunk " + sequence + " could not be published (the transport refused it; see its log)";
          if (state == RuntimeStatus.State.RUNNING) {
            hold(HoldCause.PUBLISH, why + "; the robot finishes its last chunk, then holds");
            publishStatus(true);
          } else if (state == RuntimeStatus.State.STARTING || state == RuntimeStatus.State.HOLDING) {
            detail = "no policy chunk reaches the robot: " + why;
          }
          return;
        }
        plan = merge.plan();
        lastSteps = steps;
        lastInferenceNanos = took;
        if (state != RuntimeStatus.State.RUNNING) {
          holdCause = null;
          setState(RuntimeStatus.State.RUNNING, "policy chunks flowing");
          publishStatus(true);
        }
      }
    } catch (RuntimeException e) {
      synchronized (lock) {
        inFlight = false;
      }
      faults.add(Fault.INTERNAL_ERROR, 1, "inference result handling: " + e);
    }
  }

  /**
   * Actions of every chunk that are in the past when it is ready even on time: those stamped before
   * capture + budget (the first action is stamped at the capture itself, plus the offset).
   */
  private long expectedLateActions() {
    long span = config.budgetNanos() - config.actionOffsetNanos();
    return span <= 0 ? 0 : (span + config.stepNanos() - 1) / config.stepNanos();
  }

  private String checkShape(float[][] out) {
    if (out == null || out.length == 0) {
      return "policy returned no actions";
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null || out[i].length != policy.actionDim()) {
        return "policy action " + i + " has width " + (out[i] == null ? "null" : out[i].length) + ", expected "
            + policy.actionDim();
      }
      for (float v : out[i]) {
        if (!Float.isFinite(v)) {
          return "policy action " + i + " is not finite";
        }
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ timer

  /** Watchdog and periodic status; call every few tens of ms (the timer of {@link #start} does). */
  public void tick() {
    try {
      synchronized (lock) {
        if (closed) {
          return;
        }
        long now = clock.nanos();
        if (!estop && lastValidNanos != Long.MIN_VALUE && now - lastValidNanos > config.watchdogNanos()
            && holdCause != HoldCause.WATCHDOG) {
          faults.add(Fault.WATCHDOG_HOLD, 1, "no valid observation for " + (now - lastValidNanos) / 1e6 + " ms");
          epoch++;
          hold(HoldCause.WATCHDOG, "observation watchdog: no valid observation for "
              + config.watchdogNanos() / 1e6 + " ms");
          publishHold(OutgoingChunk.Origin.HOLD);
          publishStatus(true);
        }
        publishStatus(false);
      }
      log.flush();
    } catch (RuntimeException e) {
      faults.add(Fault.INTERNAL_ERROR, 1, "tick: " + e);
    }
  }

  // ------------------------------------------------------------------ publishing (under lock)

  private void publishHold(OutgoingChunk.Origin origin) {
    if (plan == null) {
      return; // nothing was ever commanded: the robot has not moved on our account
    }
    long robotNow = gate.toRobot(clock.nanos());
    float[] position = plan.actionAt(robotNow);
    plan = ActionPlan.hold(position, robotNow, config.stepNanos(), HOLD_SLOTS);
    long answered = window.hasAny() ? window.latestSequence() : -1;
    publish(new OutgoingChunk(config.robotId(), ++chunkSequence, answered, plan.toChunk(0), 0, origin));
  }

  /** @return whether the transport took the chunk */
  private boolean publish(OutgoingChunk chunk) {
    boolean ok;
    String why = "the transport refused it";
    try {
      ok = transport.publishChunk(chunk);
    } catch (RuntimeException e) {
      ok = false;
      why = "the transport threw " + e.getMessage();
    }
    if (ok) {
      chunksPublished++;
    } else {
      faults.add(Fault.PUBLISH_FAILED, 1, chunk.origin() + " chunk " + chunk.sequence() + " not published: " + why);
    }
    return ok;
  }

  private void publishStatus(boolean force) {
    long now = clock.nanos();
    if (!force && lastStatusNanos != Long.MIN_VALUE && now - lastStatusNanos < config.statusPeriodNanos()) {
      return;
    }
    lastStatusNanos = now;
    boolean ok;
    try {
      ok = transport.publishStatus(statusNow(now));
    } catch (RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      faults.add(Fault.PUBLISH_FAILED, 1, "status not published");
    }
  }

  private void hold(HoldCause cause, String why) {
    holdCause = cause;
    setState(RuntimeStatus.State.HOLDING, why);
  }

  private void setState(RuntimeStatus.State next, String why) {
    if (state != next) {
      log.log(Level.INFO, state + "->" + next, "[" + config.robotId() + "] " + state + " -> " + next + ": " + why);
    }
    state = next;
    detail = why;
  }

  private RuntimeStatus statusNow(long now) {
    return new RuntimeStatus(config.robotId(), state, now, window.acceptedCount(), chunksPublished, lastSteps,
        lastInferenceNanos, faults.snapshot(), detail);
  }

  // ------------------------------------------------------------------ queries

  /** The current status (a snapshot). */
  public RuntimeStatus status() {
    synchronized (lock) {
      return statusNow(clock.nanos());
    }
  }

  /** Count of one fault so far. */
  public long faultCount(Fault fault) {
    return faults.get(fault);
  }

  /** Steps the scheduler would choose now (0: a deadline miss), without changing its state. */
  public int stepsThatFitNow() {
    synchronized (lock) {
      return scheduler.stepsThatFit();
    }
  }

  /** True while an inference is running. */
  public boolean inferenceInFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  public ControlConfig config() {
    return config;
  }

  /** Publishes OFFLINE status, stops the timer and the inference thread, closes the transport. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    synchronized (lock) {
      closed = true;
      setState(RuntimeStatus.State.OFFLINE, "controller shut down");
      try {
        transport.publishStatus(statusNow(clock.nanos()));
      } catch (RuntimeException e) {
        LOG.debug("offline status not published", e);
      }
    }
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (ownedExecutor != null) {
      // Let an inference in flight finish: the owner closes the policy right after this returns,
      // and a native policy closed under a running call fails it (or worse).
      ownedExecutor.shutdown();
      try {
        if (!ownedExecutor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("[{}] inference still running {} s after shutdown; closing anyway", config.robotId(),
              CLOSE_WAIT_SECONDS);
          ownedExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedExecutor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    transport.close();
  }
}
