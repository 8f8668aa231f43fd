/**
 * DiffPilot's control loop over ROS topics and services: observations in, action chunks as
 * JointTrajectory out, status, diagnostics and the emergency stop.
 */
package io.diffpilot.runtime.ros.control;
