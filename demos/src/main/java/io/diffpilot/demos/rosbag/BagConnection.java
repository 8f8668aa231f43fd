package io.diffpilot.demos.rosbag;

/**
 * One connection record of a bag: a topic with its message type, as the recorder saw it.
 *
 * @param id connection id used by message records
 * @param topic topic name ("/robot/obs")
 * @param type message type ("std_msgs/Float32MultiArray")
 * @param md5sum the type's MD5 as written by the publisher
 * @param messageDefinition full message definition text (may be empty)
 */
public record BagConnection(int id, String topic, String type, String md5sum, String messageDefinition) {}
