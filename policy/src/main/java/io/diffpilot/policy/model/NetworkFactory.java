package io.diffpilot.policy.model;

/** Builds the (uninitialised) denoising network a configuration describes. */
@FunctionalInterface
public interface NetworkFactory {

  DenoisingNetwork create(PolicyConfig config);
}
