package io.diffpilot.runtime.control;

/**
 * The rules that keep one robot's observation stream admissible across restarts, wild time stamps
 * and strangers on its topic (runtime/README.md, "Sequence and clock rules").
 *
 * @param futureToleranceNanos an observation captured more than this after the controller's
 *     estimate of the robot's clock is rejected ({@code FUTURE_STAMP}); must be below the
 *     staleness limit, since an admitted early stamp makes later observations look that much older
 * @param maxSequenceGap an observation whose sequence is more than this ahead of the newest
 *     admitted one is rejected ({@code SEQUENCE_JUMP}); {@code Long.MAX_VALUE} allows any gap
 * @param resyncAfterRejections re-synchronise to a run of this many consecutive observations that
 *     were rejected for order or clock reasons but follow each other (same session, rising
 *     sequence and capture time); a run of another session needs only one
 * @param resyncSilenceNanos … and only once no observation has been admitted for this long, so a
 *     robot that is still being heard cannot be taken over by another stream
 */
public record ObservationRules(long futureToleranceNanos, long maxSequenceGap, int resyncAfterRejections,
    long resyncSilenceNanos) {

  /** Sequence gap allowed by default: a robot may skip observations, not a million of them. */
  public static final long DEFAULT_MAX_SEQUENCE_GAP = 1_000_000L;
  /** Consecutive rejections of one consistent run before the controller re-synchronises. */
  public static final int DEFAULT_RESYNC_AFTER_REJECTIONS = 3;

  public ObservationRules {
    if (futureToleranceNanos <= 0) {
      throw new IllegalArgumentException("future tolerance must be > 0 ns, got " + futureToleranceNanos);
    }
    if (maxSequenceGap < 1) {
      throw new IllegalArgumentException("max sequence gap must be >= 1, got " + maxSequenceGap);
    }
    if (resyncAfterRejections < 1) {
      throw new IllegalArgumentException("resync after rejections must be >= 1, got " + resyncAfterRejections);
    }
    if (resyncSilenceNanos <= 0) {
      throw new IllegalArgumentException("resync silence must be > 0 ns, got " + resyncSilenceNanos);
    }
  }

  /**
   * The defaults for a loop with these timing limits: future tolerance a third of the staleness
   * limit, gaps up to {@value #DEFAULT_MAX_SEQUENCE_GAP}, re-sync after
   * {@value #DEFAULT_RESYNC_AFTER_REJECTIONS} rejections and half the watchdog of silence (so a
   * locked-out robot is back before the watchdog has held it long).
   */
  public static ObservationRules defaults(long stalenessNanos, long watchdogNanos) {
    return new ObservationRules(Math.max(1, stalenessNanos / 3), DEFAULT_MAX_SEQUENCE_GAP,
        DEFAULT_RESYNC_AFTER_REJECTIONS, Math.max(1, watchdogNanos / 2));
  }
}
