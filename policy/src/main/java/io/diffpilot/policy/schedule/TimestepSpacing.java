package io.diffpilot.policy.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How DDIM picks its inference timesteps among the training ones (diffusers' names). */
public enum TimestepSpacing implements DiffusersName {
  /** {@code arange(0, steps) * (N // steps)}, reversed: ends at t = 0, may never visit t = N−1. */
  LEADING,
  /** {@code round(arange(N, 0, -N / steps)) - 1}: starts at t = N−1. */
  TRAILING;

  @JsonCreator
  public static TimestepSpacing parse(String text) {
    return DiffusersName.parse(TimestepSpacing.class, "timestepSpacing", text);
  }
}
