package io.diffpilot.runtime.control;

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
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control loop of one robot: observations in, time-stamped, merged, clamped action chunks out.
 *
 * <p>One cycle (DESIGN.md): the transport thread calls {@link #onObservation}, which validates the
 * observation through the {@link ObservationGate} (sequence, session and clock rules, re-sync)
 * into the {@link ObservationWindow} and, when the executing plan has
 * ≤ {@code triggerRemaining} actions left and no inference is running, asks the
 * {@link InferenceScheduler} how many denoising steps fit the budget and hands a history snapshot
 * to the inference executor; it never waits for inference. The inference thread runs the
 * {@link ChunkPolicy} and hands a well-formed chunk to the {@link ChunkActuator} (time-stamping,
 * merging, {@link SafetyLimits}, publishing, state). {@link #tick} runs the watchdog and status.
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

  private final ControlConfig config;
  private final ChunkPolicy policy;
  private final ControllerTransport transport;
  private final Clock clock;
  private final LoopThreads threads;
  private final FaultCounters faults;
  private final RateLimitedLog log;
  private final Object lock = new Object();

  // All below guarded by lock.
  private final ObservationWindow window;
  private final ObservationGate gate;
  private final InferenceScheduler scheduler;
  private final ChunkActuator actuator;
  private boolean inFlight;
  /** Bumped by the watchdog and the emergency stop: results of older inferences are discarded. */
  private long epoch;
  private boolean estop;
  private long lastValidNanos = Long.MIN_VALUE;
  private long inferences;
  private long lastRequestedSequence = Long.MIN_VALUE;
  /** Default warm-up (see {@link #warmUp}): about what C2 needs to compile the Java kernels. */
  public static final long WARM_UP_NANOS = 3_000_000_000L;
  public static final int WARM_UP_CHUNKS = 200;
  private static final int WARM_UP_RECORDED = InferenceScheduler.WINDOW;
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
    this.threads = new LoopThreads(config.robotId(), inferenceExecutor);
    this.log = new RateLimitedLog(LOG, clock, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
    this.faults = new FaultCounters(log, config.robotId());
    ObservationRules rules = config.observationRules();
    this.window = new ObservationWindow(policy.obsSteps(), policy.obsDim(), config.stalenessNanos(),
        rules.futureToleranceNanos(), rules.maxSequenceGap());
    this.gate = new ObservationGate(window, rules);
    this.actuator = new ChunkActuator(config, transport, clock, faults, log, window, gate);
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
        costs[chunks++] = ComputeTimed.denoisingNanos(policy, clock.nanos() - t0);
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
    synchronized (lock) {
      actuator.publishStatus(true);
    }
    if (tickPeriodNanos > 0) {
      threads.startTicker(this::tick, tickPeriodNanos);
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
        if (actuator.state() == RuntimeStatus.State.HOLDING && actuator.holdCause() == ChunkActuator.HoldCause.WATCHDOG
            && !estop) {
          actuator.resume("observations resumed");
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
    actuator.restampAsHold(robotNowBefore, o.captureNanos());
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
          actuator.setState(RuntimeStatus.State.EMERGENCY_STOPPED, "emergency stop engaged");
          actuator.publishHold(OutgoingChunk.Origin.EMERGENCY_STOP);
        } else {
          LOG.warn("[{}] emergency stop released", config.robotId());
          // Require fresh observations before moving again.
          lastValidNanos = Long.MIN_VALUE;
          actuator.resume("emergency stop released; waiting for observations");
        }
        actuator.publishStatus(true);
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
    int remaining = actuator.remainingAt(robotNow);
    if (actuator.hasPlan() && remaining > config.triggerRemaining()) {
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
      if (remaining == 0 && actuator.hasPlan() && actuator.state() != RuntimeStatus.State.HOLDING) {
        actuator.hold(ChunkActuator.HoldCause.DEADLINE, "no chunk fits the budget");
        actuator.publishHold(OutgoingChunk.Origin.HOLD);
        actuator.publishStatus(true);
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
      threads.inference().execute(() -> infer(history, capture, obsSeq, steps, seed, myEpoch));
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
      error = PolicyOutputCheck.problem(out, policy.actionDim());
    } catch (RuntimeException e) {
      error = "policy threw " + e;
    }
    long took = clock.nanos() - t0;
    try {
      synchronized (lock) {
        inFlight = false;
        if (error == null) {
          // A failed call (a remote policy's timeout) says nothing about what a chunk costs.
          long compute = ComputeTimed.denoisingNanos(policy, took);
          scheduler.record(steps, compute, took - compute);
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
        actuator.deliver(out, captureNanos, obsSeq, steps, took);
      }
    } catch (RuntimeException e) {
      synchronized (lock) {
        inFlight = false;
      }
      faults.add(Fault.INTERNAL_ERROR, 1, "inference result handling: " + e);
    }
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
            && actuator.holdCause() != ChunkActuator.HoldCause.WATCHDOG) {
          faults.add(Fault.WATCHDOG_HOLD, 1, "no valid observation for " + (now - lastValidNanos) / 1e6 + " ms");
          epoch++;
          actuator.hold(ChunkActuator.HoldCause.WATCHDOG, "observation watchdog: no valid observation for "
              + config.watchdogNanos() / 1e6 + " ms");
          actuator.publishHold(OutgoingChunk.Origin.HOLD);
          actuator.publishStatus(true);
        }
        actuator.publishStatus(false);
      }
      log.flush();
    } catch (RuntimeException e) {
      faults.add(Fault.INTERNAL_ERROR, 1, "tick: " + e);
    }
  }

  // ------------------------------------------------------------------ queries

  /** The current status (a snapshot). */
  public RuntimeStatus status() {
    synchronized (lock) {
      return actuator.statusNow(clock.nanos());
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
      actuator.setState(RuntimeStatus.State.OFFLINE, "controller shut down");
      try {
        transport.publishStatus(actuator.statusNow(clock.nanos()));
      } catch (RuntimeException e) {
        LOG.debug("offline status not published", e);
      }
    }
    threads.shutdown();
    transport.close();
  }
}
