/**
 * Training of the policy network: the training YAML and its dataset types (policy's
 * {@code synthetic}, and core's {@code DatasetAdapter}s found with ServiceLoader, which demos
 * provides), the trainer and its two backends (DJL autograd, and the java kernels' hand-written
 * backward pass), batches drawn from episode windows, the optimizer, EMA, learning-rate schedule,
 * checkpoints, and what a run writes beside the model (loss log and plot, model card).
 */
package io.diffpilot.policy.train;
