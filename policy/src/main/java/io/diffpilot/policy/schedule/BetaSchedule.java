package io.diffpilot.policy.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The β schedules of Hugging Face diffusers' {@code DDPMScheduler}, by their diffusers names. */
public enum BetaSchedule {
  /** β linear from betaStart to betaEnd. */
  LINEAR("linear"),
  /** √β linear from √betaStart to √betaEnd, then squared. */
  SCALED_LINEAR("scaled_linear"),
  /** Nichol and Dhariwal's cosine ᾱ(t), β capped at 0.999 ({@code betas_for_alpha_bar}). */
  SQUAREDCOS_CAP_V2("squaredcos_cap_v2");

  private final String id;

  BetaSchedule(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static BetaSchedule parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (BetaSchedule b : values()) {
      if (b.id.equals(t)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown betaSchedule '" + text + "' (linear, scaled_linear, squaredcos_cap_v2)");
  }
}
