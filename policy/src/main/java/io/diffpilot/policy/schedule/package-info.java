/**
 * The training noise schedule (β, α, ᾱ precomputed once), how inference timesteps are spaced, and
 * what the network predicts.
 */
package io.diffpilot.policy.schedule;
