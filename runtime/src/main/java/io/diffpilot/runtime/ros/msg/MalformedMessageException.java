package io.diffpilot.runtime.ros.msg;

/** A message or connection header that does not decode: truncated, garbage or of another type. */
public final class MalformedMessageException extends RuntimeException {
  public MalformedMessageException(String message) {
    super(message);
  }
}
