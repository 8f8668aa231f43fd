/** Recording live observation and action streams into LeRobot episodes, whatever the transport. */
package io.diffpilot.demos.record;
