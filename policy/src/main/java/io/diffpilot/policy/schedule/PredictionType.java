package io.diffpilot.policy.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What the network predicts: the added noise ε or the clean sample x₀. */
public enum PredictionType implements DiffusersName {
  EPSILON,
  SAMPLE;

  @JsonCreator
  public static PredictionType parse(String text) {
    return DiffusersName.parse(PredictionType.class, "predictionType", text);
  }
}
