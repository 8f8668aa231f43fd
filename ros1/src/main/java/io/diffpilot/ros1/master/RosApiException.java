package io.diffpilot.ros1.master;

/** A ROS XML-RPC call answered with a status code other than 1 (success). */
public final class RosApiException extends RuntimeException {

  private final int code;

  public RosApiException(String method, int code, String statusMessage) {
    super(method + " failed (code " + code + "): " + statusMessage);
    this.code = code;
  }

  /** -1: error (e.g. parameter not set), 0: failure. */
  public int code() {
    return code;
  }
}
