/**
 * TCPROS: connection headers, publications, subscriptions and service servers over
 * TCP, as roscpp and rospy speak them.
 */
package io.diffpilot.ros1.tcpros;
