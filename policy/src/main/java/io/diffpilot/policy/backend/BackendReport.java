package io.diffpilot.policy.backend;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.model.DiffusionPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs a policy's inference, for the log line at start and the status: the backend
 * ({@code java} or {@code djl}), its kernel ({@code vector-256}, {@code scalar}, {@code pytorch})
 * and, when this is not the fastest this machine could run, why (a fallback).
 *
 * @param backend "java", "djl", or what the caller names another policy
 * @param kernel the matrix kernel or engine that does the arithmetic
 * @param fallback why the fast path is not in use, with the fix; empty when it is
 */
public record BackendReport(String backend, String kernel, Optional<String> fallback) {

  /** The fix users need when the Vector API is missing; every DiffPilot launcher passes it. */
  public static final String VECTOR_FLAG = "--add-modules jdk.incubator.vector";

  public BackendReport {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(fallback, "fallback");
    if (backend.isBlank() || kernel.isBlank()) {
      throw new IllegalArgumentException("backend and kernel must be named");
    }
  }

  /**
   * Describes a diffusion policy of this module (either backend), judged against the backend its
   * config.yaml asks for ({@code inference.backend}).
   *
   * @throws IllegalArgumentException for other policies
   */
  public static BackendReport of(ChunkPolicy policy) {
    if (policy instanceof FastDiffusionPolicy fast) {
      String kernel = fast.network().kernelName();
      if (kernel.startsWith("scalar")) {
        return new BackendReport("java", kernel, Optional.of("the JVM lacks jdk.incubator.vector, so the java backend runs its"
            + " scalar kernel (several times slower); start the JVM with " + VECTOR_FLAG + " (./diffpilot does)"));
      }
      return new BackendReport("java", kernel, Optional.empty());
    }
    if (policy instanceof DiffusionPolicy djl) {
      String configured = InferenceBackends.normalize(djl.config().inference().backend());
      if (configured.equals(InferenceBackends.AUTO) && !FastUnet1d.vectorApiAvailable()) {
        return new BackendReport("djl", "pytorch", Optional.of("the JVM lacks jdk.incubator.vector, so backend auto fell"
            + " back from java to djl (about 10x slower per denoising step); start the JVM with " + VECTOR_FLAG
            + " (./diffpilot does)"));
      }
      return new BackendReport("djl", "pytorch", Optional.empty());
    }
    throw new IllegalArgumentException("not a diffusion policy of this module");
  }

  /** One line for logs and status: {@code java/vector-256} or {@code djl/pytorch (fallback)}. */
  public String summary() {
    return backend + "/" + kernel + (fallback.isPresent() ? " (fallback)" : "");
  }
}
