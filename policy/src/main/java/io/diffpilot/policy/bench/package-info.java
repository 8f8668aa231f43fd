/**
 * Rows of {@code diffpilot bench policy}: latency cases for the DJL side and the PyTorch-eager
 * reference run in a Python subprocess. A tool, not on the control path.
 */
package io.diffpilot.policy.bench;
