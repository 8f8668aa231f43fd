/**
 * A ROS 1 node: graph names, remapping and {@code __master}/{@code __ip}/{@code __name} arguments,
 * parameters, and the node that ties master, slave API and TCPROS together, with the watchdog that
 * registers it again with a restarted master.
 */
package io.diffpilot.ros1.node;
