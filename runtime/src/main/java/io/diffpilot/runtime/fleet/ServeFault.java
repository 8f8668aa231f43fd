package io.diffpilot.runtime.fleet;

/** What an inference service refuses or fails at; each is counted, logged and, where possible, answered. */
public enum ServeFault {
  /** The payload did not decode (bytes, missing fields, oversize, no response topic). */
  MALFORMED,
  /** No model of that name is served here. */
  UNKNOWN_MODEL,
  /** History width or length differs from the model's. */
  WRONG_WIDTH,
  /** The history holds NaN or ±Inf. */
  NOT_FINITE,
  /** The request's deadline passed before its batch could start. */
  EXPIRED,
  /** The policy threw or returned a malformed chunk. */
  POLICY_ERROR,
  /** A reply could not be handed to the broker. */
  REPLY_FAILED
}
