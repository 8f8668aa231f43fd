/**
 * Live recording of demonstrations: the transport-independent recorder and its ROS 1 source.
 */
package io.diffpilot.runtime.record;
