/**
 * A tiny two-mode task for fast end-to-end tests of multimodality.
 */
package io.diffpilot.sim.obstacle;
