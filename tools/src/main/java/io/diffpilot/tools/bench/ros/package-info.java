/**
 * The ROS round-trip benchmark: observation to action chunk over TCPROS on loopback, through the
 * real control loop.
 */
package io.diffpilot.tools.bench.ros;
