/**
 * Rows of {@code diffpilot bench policy} and {@code bench train}: latency cases for the DJL side,
 * the backends side by side ({@link io.diffpilot.tools.bench.policy.FastBench}: java, djl, TorchScript and
 * PyTorch eager in a Python subprocess), random weights and the java training-step timer. A tool,
 * not on the control path.
 */
package io.diffpilot.tools.bench.policy;
