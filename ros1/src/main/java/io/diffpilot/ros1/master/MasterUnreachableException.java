package io.diffpilot.ros1.master;

/** No ROS master answers at the configured URI. */
public final class MasterUnreachableException extends RuntimeException {
  public MasterUnreachableException(String masterUri, Throwable cause) {
    super("no ROS master answers at " + masterUri + " (ROS_MASTER_URI): " + cause.getMessage()
        + ". Start one with `roscore` or point ROS_MASTER_URI at a running master.", cause);
  }
}
