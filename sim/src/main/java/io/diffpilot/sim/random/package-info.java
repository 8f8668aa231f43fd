/**
 * Random streams that must match numpy draw for draw, so that a seed gives the reference's start
 * state.
 */
package io.diffpilot.sim.random;
