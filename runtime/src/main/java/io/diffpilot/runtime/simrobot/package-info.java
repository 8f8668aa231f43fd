/**
 * Push-T as a robot on the wire: publishes observations on its clock, executes received chunks by
 * their time stamps and records robot-side latency; plus the scripted stand-in policy the
 * quickstart uses without a model.
 */
package io.diffpilot.runtime.simrobot;
