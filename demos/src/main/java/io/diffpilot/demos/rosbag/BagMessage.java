package io.diffpilot.demos.rosbag;

/**
 * One message record: the serialized ROS message with the time the recorder received it.
 *
 * @param connection connection id ({@link BagConnection#id()})
 * @param timeNanos record time (recorder receive time) in ns since the epoch
 * @param data ROS-serialized message body (little-endian)
 */
public record BagMessage(int connection, long timeNanos, byte[] data) {}
