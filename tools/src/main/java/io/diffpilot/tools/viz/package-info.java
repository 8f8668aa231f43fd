/**
 * Figures of the denoising process for docs/denoising.md (the forward noising and the reverse
 * DDIM chunk). Figure code for the docs, not on the control path.
 */
package io.diffpilot.tools.viz;
