package io.diffpilot.runtime.control;

import io.diffpilot.core.Observation;
import io.diffpilot.core.ObservationWindow;
import io.diffpilot.core.ObservationWindow.Rejection;
import java.util.Objects;

/**
 * Decides which of one robot's observations condition the policy, and when to start over.
 *
 * <p>Each observation is judged by the {@link ObservationWindow} against the newest admitted one
 * and against the robot's clock as {@link RobotClockEstimator} maps it from the controller's
 * (bounded acceptance: not staler than the staleness limit, not further ahead than the future
 * tolerance, no sequence jump beyond the gap). What that alone cannot survive is a reference that
 * is itself wrong: a robot that restarted (sequence from 1, a new clock) or one wild observation
 * admitted as the very first. So observations rejected for order or clock reasons are followed as
 * a <em>run</em>; once the run is long enough ({@link ObservationRules#resyncAfterRejections}, or
 * one observation of a new session) and nothing has been admitted for
 * {@link ObservationRules#resyncSilenceNanos}, the gate re-synchronises: the window and the clock
 * estimate start over from the run's newest observation. Staleness and content faults (width,
 * NaN) never count toward a run: re-synchronising on them would hide a slow link or bad data.
 *
 * <p>Not thread-safe: the control loop calls it under its lock.
 */
final class ObservationGate {

  /**
   * The outcome for one observation.
   *
   * @param rejection why it was refused, or null when admitted
   * @param resyncedAfter non-null when it was admitted by re-synchronising: the rejection reason
   *     of the run that triggered it
   */
  record Verdict(Rejection rejection, Rejection resyncedAfter) {
    boolean admitted() {
      return rejection == null;
    }
  }

  private final ObservationWindow window;
  private final ObservationRules rules;
  private final RobotClockEstimator clock = new RobotClockEstimator();
  private long lastAdmittedNanos = Long.MIN_VALUE;
  private Observation runHead;
  private int runLength;
  private long resyncs;

  ObservationGate(ObservationWindow window, ObservationRules rules) {
    this.window = Objects.requireNonNull(window, "window");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /**
   * Judges {@code o}, received at {@code receivedNanos} on the controller's clock.
   */
  Verdict offer(Observation o, long receivedNanos) {
    // Before the first sample the observation's own stamp is "now": the first one defines the clock.
    long robotNow = clock.hasEstimate() ? clock.toRobot(receivedNanos) : o.captureNanos();
    Rejection why = window.offer(o, robotNow);
    if (why == null) {
      admitted(o, receivedNanos);
      return new Verdict(null, null);
    }
    if (!countsTowardResync(why)) {
      return new Verdict(why, null);
    }
    if (runHead != null && follows(runHead, o)) {
      runLength++;
    } else {
      runLength = 1;
    }
    runHead = o;
    int needed = why == Rejection.OTHER_SESSION ? 1 : rules.resyncAfterRejections();
    boolean silent = lastAdmittedNanos == Long.MIN_VALUE
        || receivedNanos - lastAdmittedNanos >= rules.resyncSilenceNanos();
    if (runLength < needed || !silent) {
      return new Verdict(why, null);
    }
    window.restart();
    clock.reset();
    Rejection again = window.offer(o, o.captureNanos());
    if (again != null) {
      // Cannot happen (content was checked, and an empty window has no order), but never admit blindly.
      return new Verdict(again, null);
    }
    resyncs++;
    admitted(o, receivedNanos);
    return new Verdict(null, why);
  }

  private void admitted(Observation o, long receivedNanos) {
    clock.observe(o.captureNanos(), receivedNanos);
    lastAdmittedNanos = receivedNanos;
    runHead = null;
    runLength = 0;
  }

  private static boolean countsTowardResync(Rejection why) {
    return switch (why) {
      case OTHER_SESSION, DUPLICATE_SEQUENCE, OUT_OF_ORDER, SEQUENCE_JUMP, FUTURE_STAMP -> true;
      case WRONG_DIMENSION, NOT_FINITE, STALE -> false;
    };
  }

  /** True when {@code next} continues the stream that {@code previous} belongs to. */
  private static boolean follows(Observation previous, Observation next) {
    return next.session() == previous.session() && next.sequence() > previous.sequence()
        && next.captureNanos() >= previous.captureNanos();
  }

  /** Robot time (ns) at controller time {@code controllerNanos}. */
  long toRobot(long controllerNanos) {
    return clock.toRobot(controllerNanos);
  }

  /** Times the gate started over from a run of rejected observations. */
  long resyncCount() {
    return resyncs;
  }

  ObservationWindow window() {
    return window;
  }
}
