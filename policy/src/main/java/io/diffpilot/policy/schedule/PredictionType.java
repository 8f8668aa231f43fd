package io.diffpilot.policy.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the network predicts: the added noise ε or the clean sample x₀. */
public enum PredictionType {
  EPSILON("epsilon"),
  SAMPLE("sample");

  private final String id;

  PredictionType(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static PredictionType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (PredictionType p : values()) {
      if (p.id.equals(t)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown predictionType '" + text + "' (epsilon, sample)");
  }
}
