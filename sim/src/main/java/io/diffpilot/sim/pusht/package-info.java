/**
 * The paper's Push-T task: the dyn4j world stepped as pymunk steps the reference, the T block
 * (JTS polygons), coverage of the goal, the environment behind reset/step, and open-loop replay
 * of the human demonstrations that validates it.
 */
package io.diffpilot.sim.pusht;
