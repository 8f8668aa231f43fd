package io.diffpilot.policy.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The β schedules of Hugging Face diffusers' {@code DDPMScheduler}, by their diffusers names. */
public enum BetaSchedule implements DiffusersName {
  /** β linear from betaStart to betaEnd. */
  LINEAR,
  /** √β linear from √betaStart to √betaEnd, then squared. */
  SCALED_LINEAR,
  /** Nichol and Dhariwal's cosine ᾱ(t), β capped at 0.999 ({@code betas_for_alpha_bar}). */
  SQUAREDCOS_CAP_V2;

  @JsonCreator
  public static BetaSchedule parse(String text) {
    return DiffusersName.parse(BetaSchedule.class, "betaSchedule", text);
  }
}
