package io.diffpilot.runtime.control;

import java.util.Locale;

/**
 * How a fresh chunk is combined with the chunk still executing where their times overlap.
 *
 * <ul>
 *   <li>{@link #LATEST}: the fresh chunk replaces the old one from its first kept action on
 *       (diffusion_policy's real-robot behaviour, the default).
 *   <li>{@link #AVERAGE}: {@code (1 − w)·old + w·new} with a configured weight {@code w}.
 *   <li>{@link #EXPONENTIAL}: ACT's temporal ensembling: every prediction made for one time slot
 *       is averaged with weight {@code exp(−k·i)}, i = 0 for the oldest prediction, so older
 *       predictions weigh more and the executed trajectory stays smooth.
 * </ul>
 */
public enum MergeRule {
  LATEST,
  AVERAGE,
  EXPONENTIAL;

  /** Parses "latest", "average", "exponential" / "act" (case-insensitive). */
  public static MergeRule parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "latest" -> LATEST;
      case "average", "weighted-average", "weighted_average" -> AVERAGE;
      case "exponential", "act" -> EXPONENTIAL;
      default -> throw new IllegalArgumentException("unknown merge rule '" + text + "' (latest, average, exponential)");
    };
  }
}
