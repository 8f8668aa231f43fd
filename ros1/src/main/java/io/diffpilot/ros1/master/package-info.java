/**
 * The ROS master API over XML-RPC as a node calls it: registration, parameters and graph
 * queries, with the master's status codes turned into exceptions.
 */
package io.diffpilot.ros1.master;
