package io.diffpilot.policy.model;

import io.diffpilot.core.PolicyShape;
import java.util.Objects;

/**
 * The {@code policy:} section of config.yaml: which observation the policy reads and its horizons.
 *
 * @param obsKey observation name in {@code Episode.observations()} ("keypoints", "state")
 * @param obsDim width of one observation vector
 * @param actionDim A
 * @param obsSteps To, observations in the history
 * @param horizon Tp, actions predicted per denoising
 * @param actionSteps Ta, actions returned (executed) per chunk
 */
public record PolicyLayout(String obsKey, int obsDim, int actionDim, int obsSteps, int horizon, int actionSteps) {

  public PolicyLayout {
    Objects.requireNonNull(obsKey, "policy.obs_key");
    if (obsKey.isBlank()) {
      throw new IllegalArgumentException("policy.obs_key must not be blank");
    }
    positive("policy.obs_dim", obsDim);
    positive("policy.action_dim", actionDim);
    positive("policy.obs_steps", obsSteps);
    positive("policy.horizon", horizon);
    positive("policy.action_steps", actionSteps);
    if (obsSteps > horizon) {
      throw new IllegalArgumentException("policy.obs_steps (" + obsSteps + ") must be <= horizon (" + horizon + ")");
    }
    if (actionSteps > horizon - obsSteps + 1) {
      throw new IllegalArgumentException("policy.action_steps (" + actionSteps + ") must be <= horizon - obs_steps + 1 = "
          + (horizon - obsSteps + 1) + ": the chunk starts at index obs_steps - 1 of the horizon");
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  /** The sizes the policy's callers see: history [To][obsDim] in, chunk [Ta][A] out. */
  public PolicyShape shape() {
    return new PolicyShape(obsSteps, obsDim, actionSteps, actionDim);
  }

  /** Width of the global condition: To · obsDim. */
  public int globalCondDim() {
    return obsSteps * obsDim;
  }

  /** Index in the predicted horizon of the first returned action: To − 1 (diffusion_policy's start). */
  public int chunkStart() {
    return obsSteps - 1;
  }
}
