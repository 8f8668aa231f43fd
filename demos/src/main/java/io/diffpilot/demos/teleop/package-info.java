/** Browser teleoperation of Push-T whose episodes are recorded into a Push-T dataset. */
package io.diffpilot.demos.teleop;
