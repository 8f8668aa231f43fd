package io.diffpilot.ros1.msg;

/** A message or connection header that does not decode: truncated, garbage or of another type. */
public final class MalformedMessageException extends RuntimeException {
  public MalformedMessageException(String message) {
    super(message);
  }
}
