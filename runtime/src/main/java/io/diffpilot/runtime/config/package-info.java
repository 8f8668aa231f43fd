/**
 * What {@code diffpilot run} reads (the run YAML, validated when built) and the one seam through
 * which the runtime loads a policy.
 */
package io.diffpilot.runtime.config;
