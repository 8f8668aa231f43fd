package io.diffpilot.policy.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How DDIM picks its inference timesteps among the training ones (diffusers' names). */
public enum TimestepSpacing {
  /** {@code arange(0, steps) * (N // steps)}, reversed: ends at t = 0, may never visit t = N−1. */
  LEADING("leading"),
  /** {@code round(arange(N, 0, -N / steps)) - 1}: starts at t = N−1. */
  TRAILING("trailing");

  private final String id;

  TimestepSpacing(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static TimestepSpacing parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (TimestepSpacing s : values()) {
      if (s.id.equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown timestepSpacing '" + text + "' (leading, trailing)");
  }
}
