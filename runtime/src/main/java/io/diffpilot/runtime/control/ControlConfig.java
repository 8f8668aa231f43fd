package io.diffpilot.runtime.control;

import io.diffpilot.core.SamplerKind;
import java.util.Objects;

/**
 * Everything the control loop of one robot needs besides its policy and transport.
 *
 * <p>Every duration here, the latency budget included, is a {@code long} of nanoseconds: the loop
 * compares them with {@link System#nanoTime} on every tick, and a primitive costs no allocation or
 * conversion there. Milliseconds exist only at the user edges (the run YAML's {@code budget_ms},
 * {@code --budget-ms}), converted once when the config is built.
 *
 * @param robotId the robot, non-blank
 * @param stepNanos period between actions of a chunk (ns), e.g. 100 ms at 10 Hz
 * @param actionOffsetNanos time of a chunk's first action relative to the capture time of the
 *     newest observation it answers (0: the first action is for the observed step, as in
 *     diffusion_policy)
 * @param budgetNanos latency budget of one inference (ns)
 * @param minSteps fewest denoising steps worth running
 * @param maxSteps most denoising steps
 * @param budgetMargin fraction of the budget the step-cost estimate may fill, (0, 1]
 * @param sampler the sampler to run (its step count is chosen per chunk)
 * @param seed base noise seed; chunk k uses seed + k
 * @param triggerRemaining request the next chunk when this many actions or fewer remain
 * @param stalenessNanos observations captured longer ago than this are rejected as stale
 * @param watchdogNanos no valid observation for this long → hold position
 * @param mergeRule how overlapping chunks are combined
 * @param averageWeight weight of the fresh chunk under {@link MergeRule#AVERAGE}, (0, 1]
 * @param exponentialK ACT decay under {@link MergeRule#EXPONENTIAL}, ≥ 0
 * @param limits bounds and rate limits, or null for none
 * @param statusPeriodNanos how often status is published even without changes
 * @param observationRules sequence and clock rules of the observation stream; null: the
 *     {@link ObservationRules#defaults defaults} for this staleness and watchdog
 */
public record ControlConfig(
    String robotId,
    long stepNanos,
    long actionOffsetNanos,
    long budgetNanos,
    int minSteps,
    int maxSteps,
    double budgetMargin,
    SamplerKind sampler,
    long seed,
    int triggerRemaining,
    long stalenessNanos,
    long watchdogNanos,
    MergeRule mergeRule,
    double averageWeight,
    double exponentialK,
    SafetyLimits limits,
    long statusPeriodNanos,
    ObservationRules observationRules) {

  public ControlConfig {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(mergeRule, "mergeRule");
    if (robotId.isBlank() || robotId.contains("/") || robotId.contains("+") || robotId.contains("#")) {
      throw new IllegalArgumentException("robotId must be non-blank without '/', '+', '#', got '" + robotId + "'");
    }
    positive("stepNanos", stepNanos);
    positive("budgetNanos", budgetNanos);
    positive("stalenessNanos", stalenessNanos);
    positive("watchdogNanos", watchdogNanos);
    positive("statusPeriodNanos", statusPeriodNanos);
    if (minSteps < 1 || maxSteps < minSteps) {
      throw new IllegalArgumentException("need 1 <= minSteps <= maxSteps, got " + minSteps + ", " + maxSteps);
    }
    if (!(budgetMargin > 0 && budgetMargin <= 1)) {
      throw new IllegalArgumentException("budgetMargin must be in (0, 1], got " + budgetMargin);
    }
    if (triggerRemaining < 0) {
      throw new IllegalArgumentException("triggerRemaining must be >= 0");
    }
    if (!(averageWeight > 0 && averageWeight <= 1)) {
      throw new IllegalArgumentException("averageWeight must be in (0, 1], got " + averageWeight);
    }
    if (!(exponentialK >= 0) || Double.isInfinite(exponentialK)) {
      throw new IllegalArgumentException("exponentialK must be finite and >= 0, got " + exponentialK);
    }
    if (observationRules == null) {
      observationRules = ObservationRules.defaults(stalenessNanos, watchdogNanos);
    }
    if (observationRules.futureToleranceNanos() >= stalenessNanos) {
      throw new IllegalArgumentException("the future tolerance (" + observationRules.futureToleranceNanos() / 1e6
          + " ms) must be below the staleness limit (" + stalenessNanos / 1e6 + " ms): an admitted early stamp"
          + " makes every later observation look that much older");
    }
  }

  /** With the default observation rules (see {@link ObservationRules#defaults}). */
  public ControlConfig(String robotId, long stepNanos, long actionOffsetNanos, long budgetNanos, int minSteps,
      int maxSteps, double budgetMargin, SamplerKind sampler, long seed, int triggerRemaining, long stalenessNanos,
      long watchdogNanos, MergeRule mergeRule, double averageWeight, double exponentialK, SafetyLimits limits,
      long statusPeriodNanos) {
    this(robotId, stepNanos, actionOffsetNanos, budgetNanos, minSteps, maxSteps, budgetMargin, sampler, seed,
        triggerRemaining, stalenessNanos, watchdogNanos, mergeRule, averageWeight, exponentialK, limits,
        statusPeriodNanos, null);
  }

  private static void positive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + v);
    }
  }

  /**
   * Defaults for a 10 Hz robot: 100 ms actions, 80 ms budget, 4…16 DDIM steps, trigger at 4
   * remaining, 300 ms staleness, 500 ms watchdog, latest-wins merging, no limits.
   */
  public static ControlConfig defaults(String robotId) {
    return new ControlConfig(robotId, 100_000_000L, 0, 80_000_000L, 4, 16, 0.8, SamplerKind.DDIM, 0, 4,
        300_000_000L, 500_000_000L, MergeRule.LATEST, 0.5, 0.01, null, 1_000_000_000L);
  }

  public ControlConfig withBudget(long budgetNanos, int min, int max) {
    return new ControlConfig(robotId, stepNanos, actionOffsetNanos, budgetNanos, min, max, budgetMargin, sampler, seed,
        triggerRemaining, stalenessNanos, watchdogNanos, mergeRule, averageWeight, exponentialK, limits,
        statusPeriodNanos, observationRules);
  }

  public ControlConfig withSampler(SamplerKind kind) {
    return new ControlConfig(robotId, stepNanos, actionOffsetNanos, budgetNanos, minSteps, maxSteps, budgetMargin,
        kind, seed, triggerRemaining, stalenessNanos, watchdogNanos, mergeRule, averageWeight, exponentialK, limits,
        statusPeriodNanos, observationRules);
  }

  public ControlConfig withMerge(MergeRule rule) {
    return new ControlConfig(robotId, stepNanos, actionOffsetNanos, budgetNanos, minSteps, maxSteps, budgetMargin,
        sampler, seed, triggerRemaining, stalenessNanos, watchdogNanos, rule, averageWeight, exponentialK, limits,
        statusPeriodNanos, observationRules);
  }

  public ControlConfig withLimits(SafetyLimits newLimits) {
    return new ControlConfig(robotId, stepNanos, actionOffsetNanos, budgetNanos, minSteps, maxSteps, budgetMargin,
        sampler, seed, triggerRemaining, stalenessNanos, watchdogNanos, mergeRule, averageWeight, exponentialK,
        newLimits, statusPeriodNanos, observationRules);
  }

  /** New timing limits; the observation rules go back to their defaults for these limits. */
  public ControlConfig withTiming(long newStepNanos, int newTriggerRemaining, long newStalenessNanos,
      long newWatchdogNanos) {
    return new ControlConfig(robotId, newStepNanos, actionOffsetNanos, budgetNanos, minSteps, maxSteps, budgetMargin,
        sampler, seed, newTriggerRemaining, newStalenessNanos, newWatchdogNanos, mergeRule, averageWeight,
        exponentialK, limits, statusPeriodNanos, null);
  }

  public ControlConfig withObservationRules(ObservationRules rules) {
    return new ControlConfig(robotId, stepNanos, actionOffsetNanos, budgetNanos, minSteps, maxSteps, budgetMargin,
        sampler, seed, triggerRemaining, stalenessNanos, watchdogNanos, mergeRule, averageWeight, exponentialK, limits,
        statusPeriodNanos, rules);
  }
}
