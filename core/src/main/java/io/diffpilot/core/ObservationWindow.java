package io.diffpilot.core;

import java.util.EnumMap;
import java.util.Map;

/**
 * The last To valid observations of one robot, with their capture times.
 *
 * <p>Everything that arrives goes through {@link #offer}; what is not fit to condition a policy is
 * rejected with a {@link Rejection} reason that is counted, never silently dropped. Order is
 * judged against the newest admitted observation (its session, sequence and capture time), time
 * against the {@code nowNanos} the caller passes (robot clock): an observation may be neither older
 * than the staleness limit nor newer than the future tolerance. {@link #restart} forgets the
 * history and the reference, so that the next observation is admitted as the first one; the caller
 * decides when (a robot that restarted, a reference that was wild). The window is not thread-safe:
 * one transport thread owns it; readers take a {@link #history()} copy.
 */
public final class ObservationWindow {

  /** Why an observation was not admitted. */
  public enum Rejection {
    WRONG_DIMENSION,
    NOT_FINITE,
    DUPLICATE_SEQUENCE,
    OUT_OF_ORDER,
    STALE,
    /** From another session than the newest admitted observation (a restart, or a stranger). */
    OTHER_SESSION,
    /** Sequence number further ahead of the newest admitted one than the allowed gap. */
    SEQUENCE_JUMP,
    /** Captured further in the future (by {@code nowNanos}) than the tolerance. */
    FUTURE_STAMP
  }

  private final int obsSteps;
  private final int obsDim;
  private final long stalenessNanos;
  private final long futureToleranceNanos;
  private final long maxSequenceGap;
  private final float[][] ring;
  private final long[] captureNanos;
  private final long[] sequences;
  private long session;
  private int count;
  private int head;
  private final EnumMap<Rejection, Long> rejected = new EnumMap<>(Rejection.class);
  private long accepted;

  /**
   * @param obsSteps To ≥ 1
   * @param obsDim width of each observation
   * @param stalenessNanos an observation captured longer ago than this (by the {@code nowNanos}
   *     passed to {@link #offer}) is rejected as stale; {@code Long.MAX_VALUE} disables the check
   */
  public ObservationWindow(int obsSteps, int obsDim, long stalenessNanos) {
    this(obsSteps, obsDim, stalenessNanos, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * @param futureToleranceNanos an observation captured more than this after {@code nowNanos} is
   *     rejected as {@link Rejection#FUTURE_STAMP}; {@code Long.MAX_VALUE} disables the check
   * @param maxSequenceGap an observation whose sequence is more than this ahead of the newest
   *     admitted one is rejected as {@link Rejection#SEQUENCE_JUMP}; {@code Long.MAX_VALUE}
   *     disables the check
   */
  public ObservationWindow(int obsSteps, int obsDim, long stalenessNanos, long futureToleranceNanos,
      long maxSequenceGap) {
    if (obsSteps < 1) {
      throw new IllegalArgumentException("obsSteps must be >= 1");
    }
    if (obsDim < 1) {
      throw new IllegalArgumentException("obsDim must be >= 1");
    }
    if (stalenessNanos <= 0) {
      throw new IllegalArgumentException("stalenessNanos must be > 0");
    }
    if (futureToleranceNanos < 0) {
      throw new IllegalArgumentException("futureToleranceNanos must be >= 0");
    }
    if (maxSequenceGap < 1) {
      throw new IllegalArgumentException("maxSequenceGap must be >= 1");
    }
    this.obsSteps = obsSteps;
    this.obsDim = obsDim;
    this.stalenessNanos = stalenessNanos;
    this.futureToleranceNanos = futureToleranceNanos;
    this.maxSequenceGap = maxSequenceGap;
    this.ring = new float[obsSteps][obsDim];
    this.captureNanos = new long[obsSteps];
    this.sequences = new long[obsSteps];
    for (Rejection r : Rejection.values()) {
      rejected.put(r, 0L);
    }
  }

  /**
   * Admits {@code observation} or says why not.
   *
   * @param nowNanos the receiver's current time on the robot's clock, for the staleness check
   * @return null when admitted, else the reason it was rejected (also counted)
   */
  public Rejection offer(Observation observation, long nowNanos) {
    Rejection why = check(observation, nowNanos);
    if (why != null) {
      rejected.merge(why, 1L, Long::sum);
      return why;
    }
    head = (head + 1) % obsSteps;
    System.arraycopy(observation.state(), 0, ring[head], 0, obsDim);
    captureNanos[head] = observation.captureNanos();
    sequences[head] = observation.sequence();
    session = observation.session();
    count = Math.min(count + 1, obsSteps);
    accepted++;
    return null;
  }

  private Rejection check(Observation o, long nowNanos) {
    float[] s = o.state();
    if (s.length != obsDim) {
      return Rejection.WRONG_DIMENSION;
    }
    for (float v : s) {
      if (!Float.isFinite(v)) {
        return Rejection.NOT_FINITE;
      }
    }
    if (count > 0) {
      if (o.session() != session) {
        return Rejection.OTHER_SESSION;
      }
      long last = sequences[head];
      if (o.sequence() == last) {
        return Rejection.DUPLICATE_SEQUENCE;
      }
      if (o.sequence() < last || o.captureNanos() < captureNanos[head]) {
        return Rejection.OUT_OF_ORDER;
      }
      long gap = o.sequence() - last; // > 0 here; negative only if it overflowed
      if (gap < 0 || gap > maxSequenceGap) {
        return Rejection.SEQUENCE_JUMP;
      }
    }
    if (stalenessNanos != Long.MAX_VALUE && nowNanos - o.captureNanos() > stalenessNanos) {
      return Rejection.STALE;
    }
    if (futureToleranceNanos != Long.MAX_VALUE && o.captureNanos() - nowNanos > futureToleranceNanos) {
      return Rejection.FUTURE_STAMP;
    }
    return null;
  }

  /**
   * Forgets the history and the order reference (session, sequence, capture time): the next
   * observation offered is judged as the first one. Counts are kept.
   */
  public void restart() {
    count = 0;
    head = 0;
    session = 0;
  }

  /** True once at least one observation was admitted. */
  public boolean hasAny() {
    return count > 0;
  }

  /** True once To observations were admitted. */
  public boolean isFull() {
    return count == obsSteps;
  }

  /**
   * The history as [To][obsDim], oldest first. Before To observations arrived the oldest one
   * admitted is repeated to fill the front, as diffusion_policy's environment wrappers pad.
   */
  public float[][] history() {
    if (count == 0) {
      throw new IllegalStateException("no observation admitted yet");
    }
    float[][] out = new float[obsSteps][];
    for (int k = 0; k < obsSteps; k++) {
      int back = Math.min(obsSteps - 1 - k, count - 1);
      int idx = Math.floorMod(head - back, obsSteps);
      out[k] = ring[idx].clone();
    }
    return out;
  }

  /** Capture time of the newest admitted observation (ns). */
  public long latestCaptureNanos() {
    if (count == 0) {
      throw new IllegalStateException("no observation admitted yet");
    }
    return captureNanos[head];
  }

  /** Sequence number of the newest admitted observation. */
  public long latestSequence() {
    if (count == 0) {
      throw new IllegalStateException("no observation admitted yet");
    }
    return sequences[head];
  }

  /** Session of the newest admitted observation (0: the robot sends none). */
  public long latestSession() {
    if (count == 0) {
      throw new IllegalStateException("no observation admitted yet");
    }
    return session;
  }

  public long acceptedCount() {
    return accepted;
  }

  /** Counts of rejected observations by reason (a copy). */
  public Map<Rejection, Long> rejectedCounts() {
    return new EnumMap<>(rejected);
  }

  public int obsSteps() {
    return obsSteps;
  }

  public int obsDim() {
    return obsDim;
  }
}
