/**
 * The policy module's commands ({@code import diffusion-policy}, {@code model denoise},
 * {@code train}, {@code bench policy}, {@code bench train}), registered into the launcher's
 * picocli tree by {@link io.diffpilot.policy.cli.PolicyCli#register}.
 */
package io.diffpilot.policy.cli;
