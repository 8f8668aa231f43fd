package io.diffpilot.runtime.fleet;

import io.diffpilot.core.SamplerKind;
import java.util.Objects;

/**
 * One chunk asked of an inference service ({@code diffpilot serve}): stateless, it carries all the
 * policy needs. Structure is checked here; whether it fits a model (width, finiteness) is the
 * service's check, which answers with an error instead of throwing.
 *
 * @param robotId the robot asking, non-blank
 * @param model name of the model to run, non-blank
 * @param history [To][obsDim], oldest first, rectangular
 * @param steps denoising steps, ≥ 1
 * @param budgetNanos how long the robot waits for the answer, counted from receipt, &gt; 0
 * @param seed noise seed
 * @param sampler the reverse-process sampler
 */
public record InferenceRequest(String robotId, String model, float[][] history, int steps, long budgetNanos,
    long seed, SamplerKind sampler) {

  public InferenceRequest {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(sampler, "sampler");
    if (robotId.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException("robot id and model must not be blank");
    }
    if (history.length == 0 || history[0].length == 0) {
      throw new IllegalArgumentException("history must hold at least one observation of width >= 1");
    }
    for (float[] row : history) {
      if (row.length != history[0].length) {
        throw new IllegalArgumentException("history rows differ in width");
      }
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (budgetNanos <= 0) {
      throw new IllegalArgumentException("budget must be > 0 ns, got " + budgetNanos);
    }
  }

  public int obsSteps() {
    return history.length;
  }

  public int obsDim() {
    return history[0].length;
  }
}
