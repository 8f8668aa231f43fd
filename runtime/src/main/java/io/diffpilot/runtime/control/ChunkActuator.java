package io.diffpilot.runtime.control;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Clock;
import io.diffpilot.core.ObservationWindow;
import io.diffpilot.runtime.transport.ControllerTransport;
import io.diffpilot.runtime.transport.Fault;
import io.diffpilot.runtime.transport.OutgoingChunk;
import io.diffpilot.runtime.transport.RuntimeStatus;
import org.slf4j.event.Level;

/**
 * The actuation half of a {@link ControlLoop}: what the robot was last told (the executing
 * {@link ActionPlan}), how a fresh policy chunk joins it (time-stamping, late-action accounting,
 * merging, {@link SafetyLimits}) and reaches the wire, hold chunks, and the loop state and status
 * the robot sees. The loop decides when to infer and with how many steps; this class decides what
 * an answer does to the robot.
 *
 * <p>Not thread-safe: every method runs under the owning loop's lock.
 */
final class ChunkActuator {
  /** Slots in a hold chunk: a robot keeps the last action after a chunk ends, one slot would do. */
  private static final int HOLD_SLOTS = 1;

  /** Why the loop is HOLDING: only a watchdog hold ends when observations come back. */
  enum HoldCause { WATCHDOG, DEADLINE, PUBLISH }

  private final ControlConfig config;
  private final ControllerTransport transport;
  private final Clock clock;
  private final FaultCounters faults;
  private final RateLimitedLog log;
  private final ObservationWindow window;
  private final ObservationGate gate;

  private ActionPlan plan;
  private HoldCause holdCause;
  private RuntimeStatus.State state = RuntimeStatus.State.STARTING;
  private String detail = "waiting for observations";
  private long lastStatusNanos = Long.MIN_VALUE;
  private long chunkSequence;
  private long chunksPublished;
  private int lastSteps;
  private long lastInferenceNanos;

  ChunkActuator(ControlConfig config, ControllerTransport transport, Clock clock, FaultCounters faults,
      RateLimitedLog log, ObservationWindow window, ObservationGate gate) {
    this.config = config;
    this.transport = transport;
    this.clock = clock;
    this.faults = faults;
    this.log = log;
    this.window = window;
    this.gate = gate;
  }

  boolean hasPlan() {
    return plan != null;
  }

  /** Actions of the executing plan not yet due at {@code robotNow}; 0 without a plan. */
  int remainingAt(long robotNow) {
    return plan == null ? 0 : plan.remainingAt(robotNow);
  }

  RuntimeStatus.State state() {
    return state;
  }

  HoldCause holdCause() {
    return holdCause;
  }

  /**
   * The robot's clock may be another one after a re-sync: the executing plan becomes a hold at the
   * last commanded position, stamped on the new clock (the rate limit still starts from there).
   */
  void restampAsHold(long robotNowBefore, long captureNanos) {
    if (plan != null) {
      plan = ActionPlan.hold(plan.actionAt(robotNowBefore), captureNanos, config.stepNanos(), HOLD_SLOTS);
    }
  }

  /**
   * A policy chunk answering observation {@code obsSeq} (captured at {@code captureNanos}): merged
   * with the executing plan, clamped and published; the loop is RUNNING once one reached the wire.
   */
  void deliver(float[][] actions, long captureNanos, long obsSeq, int steps, long took) {
    ActionChunk fresh = new ActionChunk(captureNanos + config.actionOffsetNanos(), config.stepNanos(), actions, steps);
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

  /**
   * Actions of every chunk that are in the past when it is ready even on time: those stamped before
   * capture + budget (the first action is stamped at the capture itself, plus the offset).
   */
  private long expectedLateActions() {
    long span = config.budgetNanos() - config.actionOffsetNanos();
    return span <= 0 ? 0 : (span + config.stepNanos() - 1) / config.stepNanos();
  }

  /** Commands a hold at the position the robot is at now under the executing plan. */
  void publishHold(OutgoingChunk.Origin origin) {
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

  /** Publishes the status if forced or a status period has passed since the last one. */
  void publishStatus(boolean force) {
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

  void hold(HoldCause cause, String why) {
    holdCause = cause;
    setState(RuntimeStatus.State.HOLDING, why);
  }

  /** Leaves a hold (observations resumed, emergency stop released): STARTING until a chunk flows. */
  void resume(String why) {
    holdCause = null;
    setState(RuntimeStatus.State.STARTING, why);
  }

  void setState(RuntimeStatus.State next, String why) {
    if (state != next) {
      log.log(Level.INFO, state + "->" + next, "[" + config.robotId() + "] " + state + " -> " + next + ": " + why);
    }
    state = next;
    detail = why;
  }

  RuntimeStatus statusNow(long now) {
    return new RuntimeStatus(config.robotId(), state, now, window.acceptedCount(), chunksPublished, lastSteps,
        lastInferenceNanos, faults.snapshot(), detail);
  }
}
