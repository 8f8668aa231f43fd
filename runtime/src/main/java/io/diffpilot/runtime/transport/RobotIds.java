package io.diffpilot.runtime.transport;

import java.util.Objects;

/** The rule every record of the transport applies to the robot it names. */
public final class RobotIds {
  private RobotIds() {}

  /** Returns {@code robotId} once it is known to be set and not blank. */
  public static String requireNonBlank(String robotId) {
    Objects.requireNonNull(robotId, "robotId");
    if (robotId.isBlank()) {
      throw new IllegalArgumentException("robotId must not be blank");
    }
    return robotId;
  }
}
