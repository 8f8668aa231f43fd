/**
 * Rows of {@code diffpilot bench policy} and {@code bench train}: latency cases for the DJL side,
 * the backends side by side ({@link io.diffpilot.policy.bench.FastBench}: java, djl, TorchScript and
 * PyTorch eager in a Python subprocess), random weights and the java training-step timer. A tool,
 * not on the control path.
 */
package io.diffpilot.policy.bench;
