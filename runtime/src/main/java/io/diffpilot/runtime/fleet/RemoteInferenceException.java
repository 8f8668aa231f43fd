package io.diffpilot.runtime.fleet;

/**
 * Remote inference gave no chunk: no service answered in time (after one retry), or one refused.
 * The control loop counts it as a policy error and keeps executing, then holding, its current plan.
 */
public final class RemoteInferenceException extends RuntimeException {
  public RemoteInferenceException(String message) {
    super(message);
  }
}
