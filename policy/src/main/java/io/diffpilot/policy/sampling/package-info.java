/**
 * Reverse-diffusion samplers (DDPM, DDIM, DPM-Solver++) over any denoiser, with noise from
 * generators we own so that a chunk depends only on its seed.
 */
package io.diffpilot.policy.sampling;
