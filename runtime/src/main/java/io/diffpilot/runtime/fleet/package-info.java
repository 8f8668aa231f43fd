/**
 * Remote inference for a fleet: the robot side ({@link io.diffpilot.runtime.fleet.RemotePolicy},
 * a {@code ChunkPolicy} whose chunks come from a service) and the service that batches requests of
 * many robots through one policy ({@link io.diffpilot.runtime.fleet.InferenceServer}), with the
 * messages between them and an in-process transport for tests.
 */
package io.diffpilot.runtime.fleet;
