/**
 * Rows of {@code diffpilot bench policy} and {@code bench train}: latency cases for the DJL side,
 * the backends side by side ({@link io.diffpilot.tools.bench.policy.FastBench}: java, djl,
 * TorchScript and PyTorch eager in a Python subprocess) and the training steps of each backend. A
 * tool, not on the control path; random weights come from the policy module's RandomStateDict.
 */
package io.diffpilot.tools.bench.policy;
