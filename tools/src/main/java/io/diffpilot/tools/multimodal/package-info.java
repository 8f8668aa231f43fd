/**
 * The obstacle-task experiment behind docs/multimodal.md: diffusion against regression on the
 * same network, counted by mode and drawn. Figure code for the docs, not on the control path.
 */
package io.diffpilot.tools.multimodal;
