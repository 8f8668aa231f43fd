/**
 * The simulated Push-T robot as a ROS node, so the runtime can be driven end to end through ROS.
 */
package io.diffpilot.runtime.ros.sim;
