/**
 * diffusion_policy's ConditionalUnet1D as DJL blocks with PyTorch's state-dict keys,
 * initialisation and numerics: the reference network and the DJL training engine;
 * {@code RandomStateDict} makes random weights under the same keys (tests, benchmarks).
 */
package io.diffpilot.policy.unet;
