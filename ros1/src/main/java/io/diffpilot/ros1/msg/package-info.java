/**
 * ROS 1 message serialization: the message types DiffPilot uses, their readers and writers, and
 * genmsg's MD5 sums and full definitions computed from the bundled .msg files.
 */
package io.diffpilot.ros1.msg;
