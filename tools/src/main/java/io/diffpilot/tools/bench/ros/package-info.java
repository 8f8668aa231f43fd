/**
 * {@code diffpilot bench ros}: observation to action chunk over TCPROS on loopback, through the
 * runtime's real control loop. A tool, not on the control path.
 */
package io.diffpilot.tools.bench.ros;
