/**
 * The diffusion policy as the world sees it: config.yaml's sections (snake_case keys; the
 * camelCase of older model directories read as a deprecated alias), the model directory
 * contract, the codec between observation units and the network's normalised space, and the
 * {@code ChunkPolicy} implementations (diffusion and its regression contrast) on the
 * {@code TrajectoryPolicy} base that every backend's policy shares ({@code DenoisingPolicy} for the
 * diffusion backends).
 */
package io.diffpilot.policy.model;
