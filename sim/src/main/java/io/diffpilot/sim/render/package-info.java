/**
 * Pictures of episodes: the Push-T scene drawn as the reference draws it, and animated GIFs of
 * rollouts.
 */
package io.diffpilot.sim.render;
