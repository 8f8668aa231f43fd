/**
 * ROS 1 in Java, without rosjava: the master API client and the slave API server (XML-RPC,
 * {@code master}, {@code slave}), TCPROS publications and subscriptions ({@code tcpros}), message
 * serialization with genmsg's md5 sums and full definitions ({@code msg}), the node with ROS's
 * naming, remapping, parameter and shutdown conventions ({@code node}), and DiffPilot's control
 * loop over ROS topics ({@code control.RosTransport}). The protocol facts it follows were observed
 * with the real Debian tools (shared/specs/transports.md).
 */
package io.diffpilot.runtime.ros;
