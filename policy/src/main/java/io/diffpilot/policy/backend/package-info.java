/**
 * The inference backends behind {@code inference.backend: auto | java | djl}: each an
 * {@link io.diffpilot.policy.backend.InferenceBackendProvider} found by {@link java.util.ServiceLoader},
 * {@link io.diffpilot.policy.backend.InferenceBackends} picking one by name or priority, the java
 * backend's policy ({@link io.diffpilot.policy.backend.FastDiffusionPolicy}) and what runs a policy
 * ({@link io.diffpilot.policy.backend.BackendReport}).
 */
package io.diffpilot.policy.backend;
