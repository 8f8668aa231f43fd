package io.diffpilot.runtime.fleet;

import java.util.Objects;

/**
 * The answer to one {@link InferenceRequest}: a chunk of actions, or why there is none.
 *
 * @param robotId the robot that asked
 * @param actions [Ta][A] in action units; empty when {@code error} is set
 * @param stepsUsed denoising steps run
 * @param inferenceNanos wall time of the denoising call that produced it
 * @param batchSize requests answered by that one call (1: not batched)
 * @param queuedNanos time the request waited in the service's queue
 * @param error non-empty when the request was refused; the robot keeps its current plan
 */
public record InferenceReply(String robotId, float[][] actions, int stepsUsed, long inferenceNanos, int batchSize,
    long queuedNanos, String error) {

  public InferenceReply {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(actions, "actions");
    error = error == null ? "" : error;
    if (error.isEmpty() && actions.length == 0) {
      throw new IllegalArgumentException("a reply without an error needs actions");
    }
  }

  /** A refusal: no actions, the reason in {@code error}. */
  public static InferenceReply refused(String robotId, String error) {
    return new InferenceReply(robotId, new float[0][], 0, 0, 0, 0, error);
  }

  public boolean isError() {
    return !error.isEmpty();
  }
}
