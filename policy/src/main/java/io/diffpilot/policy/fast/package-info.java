/**
 * Plain-Java kernels of the {@code java} backend: diffusion_policy's ConditionalUnet1D (inference
 * and training with a hand-written backward pass) and DDIM on {@code float[]}, for batch-1
 * control-loop latency where DJL's per-operation native calls dominate. No DJL here: the policy
 * around these kernels is {@code io.diffpilot.policy.backend}.
 *
 * <ul>
 *   <li>{@link io.diffpilot.policy.fast.FastUnet1d}: the network from a diffusion_policy state dict;
 *       {@code forward(sample [B,T,A], timesteps [B], globalCond [B,G]) → [B,T,A]} into a caller
 *       buffer, nothing allocated per call.</li>
 *   <li>{@link io.diffpilot.policy.fast.FastDdim}: DDIM (any η, any steps) on {@code float[]}.</li>
 *   <li>{@link io.diffpilot.policy.fast.TrainableUnet1d}: the same network with its backward pass,
 *       the java training backend.</li>
 * </ul>
 *
 * <p>How it is fast: activations are channels-last with zero rows around each sequence, so every
 * convolution (k-tap, strided, and the two parities of the transposed one) is one packed matrix
 * product over consecutive floats; weights are packed once into panels of two SIMD vectors of
 * output channels; GroupNorm, Mish, FiLM and the residual add are fused into one pass over the
 * channels a thread has just computed; the FiLM encoders of all blocks are one stacked product.
 * The kernel uses the incubating Vector API ({@code --add-modules jdk.incubator.vector} at compile
 * and run time); without it a plain-Java kernel with the same numbers runs instead.
 */
package io.diffpilot.policy.fast;
