/**
 * The node's side of ROS's XML-RPC slave API (requestTopic, publisherUpdate, shutdown, getBusInfo)
 * that the master and other nodes call.
 */
package io.diffpilot.ros1.slave;
