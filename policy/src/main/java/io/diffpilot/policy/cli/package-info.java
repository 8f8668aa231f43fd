/**
 * The policy module's commands ({@code import diffusion-policy}, {@code model denoise},
 * {@code train}), registered into the launcher's picocli tree by
 * {@link io.diffpilot.policy.cli.PolicyCli#register}; its benchmarks are in module tools.
 */
package io.diffpilot.policy.cli;
