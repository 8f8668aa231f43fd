/**
 * Reads ROS 1 bag files (format 2.0; chunks plain, bz2 or lz4) and turns their topics into
 * demonstrations: message decoding by definition, topic alignment on the bag's clock, and the
 * {@code demos import --from rosbag} importer.
 */
package io.diffpilot.demos.rosbag;
