/**
 * DiffPilot over ROS 1, on the client library of the {@code ros1} module ({@code io.diffpilot.ros1}):
 * the control loop's transport over ROS topics and services ({@code control.RosTransport}), the
 * simulated Push-T robot as a ROS node ({@code sim}) and the round-trip benchmark ({@code bench}).
 * The protocol facts they rely on were observed with the real Debian tools
 * (shared/specs/transports.md).
 */
package io.diffpilot.runtime.ros;
