/**
 * A ROS 1 node: graph names, remapping and {@code __master}/{@code __ip}/{@code __name} arguments,
 * parameters, and the node that ties master, slave and TCPROS together.
 */
package io.diffpilot.ros1.node;
