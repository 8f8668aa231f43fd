package io.diffpilot.policy.model;

import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.Objects;

/**
 * Everything config.yaml says about a diffusion policy; the sections of the model directory
 * contract. Sections other than {@code network} may be null (a directory made by
 * {@code diffpilot import}); they then take the defaults: To 2, Tp 16, Ta 8, obsDim =
 * globalCondDim / To, obsKey "obs", epsilon, 100 steps, squaredcos_cap_v2, DDIM 10.
 *
 * @param network the U-Net sizes
 * @param policy observation layout and horizons
 * @param schedule the training noise schedule
 * @param inference default sampling
 */
public record PolicyConfig(UnetConfig network, PolicyLayout policy, ScheduleConfig schedule, InferenceConfig inference) {

  public PolicyConfig {
    Objects.requireNonNull(network, "network section is required");
    if (policy == null) {
      policy = defaultLayout(network);
    }
    schedule = schedule == null ? ScheduleConfig.defaults() : schedule;
    inference = inference == null ? InferenceConfig.defaults() : inference;
    if (network.inputDim() != policy.actionDim()) {
      throw new IllegalArgumentException("network.input_dim (" + network.inputDim() + ") must equal policy.action_dim ("
          + policy.actionDim() + ")");
    }
    if (network.globalCondDim() != policy.globalCondDim()) {
      throw new IllegalArgumentException("network.global_cond_dim (" + network.globalCondDim()
          + ") must equal policy.obs_steps * policy.obs_dim = " + policy.obsSteps() + " * " + policy.obsDim());
    }
    if (policy.horizon() % network.horizonMultiple() != 0) {
      throw new IllegalArgumentException("policy.horizon (" + policy.horizon() + ") must be a multiple of "
          + network.horizonMultiple() + " (2^(len(down_dims) - 1))");
    }
  }

  private static PolicyLayout defaultLayout(UnetConfig network) {
    int obsSteps = 2;
    if (network.globalCondDim() % obsSteps != 0 || network.globalCondDim() == 0) {
      throw new IllegalArgumentException("no policy section and network.global_cond_dim (" + network.globalCondDim()
          + ") is not divisible by the default obs_steps 2: add a policy section");
    }
    return new PolicyLayout("obs", network.globalCondDim() / obsSteps, network.inputDim(), obsSteps, 16, 8);
  }

  /** diffusion_policy's Push-T keypoints (low-dim) setting: To 2, Tp 16, Ta 8, obsDim 20, A 2, paper U-Net. */
  public static PolicyConfig pushTKeypoints() {
    return new PolicyConfig(
        UnetConfig.paperDefault(2, 40),
        new PolicyLayout("keypoints", 20, 2, 2, 16, 8),
        ScheduleConfig.defaults(),
        InferenceConfig.defaults());
  }
}
