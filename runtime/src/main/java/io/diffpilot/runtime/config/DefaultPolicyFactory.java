package io.diffpilot.runtime.config;

import ai.djl.Device;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.backend.BackendReport;
import io.diffpilot.policy.backend.InferenceBackends;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.runtime.fake.FixedCostPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies the runtime loads: a diffusion model directory (config.yaml, weights.safetensors,
 * normalizer.json) on the inference backend its config names (Java kernels or DJL, CPU), or the
 * fixed-cost fake of benchmarks and smoke tests. Every policy it opens is logged with its backend
 * and kernel; a fallback from the fastest path is a WARN, since it costs several times the latency.
 */
public final class DefaultPolicyFactory implements PolicyFactory {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultPolicyFactory.class);

  private final int threads;

  /** Kernel threads per call: one less than the cores, at most 2 (the inference thread is the only caller; the rest is the transport's). */
  public DefaultPolicyFactory() {
    this(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() - 1)));
  }

  /** @param threads kernel threads per denoising call, ≥ 1 */
  public DefaultPolicyFactory(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
  }

  @Override
  public ChunkPolicy create(RunConfig.Policy spec) throws IOException {
    ChunkPolicy policy = open(spec);
    BackendReport report = report(policy);
    if (report.fallback().isPresent()) {
      LOG.warn("!!! SLOW INFERENCE: {} !!! {}", report.summary(), report.fallback().get());
    } else {
      LOG.info("inference backend {}, kernel {}", report.backend(), report.kernel());
    }
    return policy;
  }

  /** What runs {@code policy}'s inference (the fake is backend {@code fake}). */
  public static BackendReport report(ChunkPolicy policy) {
    if (policy instanceof FixedCostPolicy) {
      return new BackendReport("fake", "fixed-cost", Optional.empty());
    }
    try {
      return BackendReport.of(policy);
    } catch (IllegalArgumentException e) {
      return new BackendReport("custom", "unknown", Optional.empty());
    }
  }

  private ChunkPolicy open(RunConfig.Policy spec) throws IOException {
    if (spec.remote() != null) {
      throw new IOException("policy.remote is served by `diffpilot serve`, not loaded here");
    }
    if (spec.fake() != null) {
      RunConfig.Fake f = spec.fake();
      return new FixedCostPolicy(f.obsSteps(), f.obsDim(), f.actionSteps(), f.actionDim(), Math.round(f.stepCostMs() * 1e6));
    }
    if (!Files.isDirectory(spec.modelDir())) {
      throw new IOException("policy.model_dir " + spec.modelDir() + " is not a directory");
    }
    ModelDirectory model = ModelDirectory.load(spec.modelDir());
    try {
      return InferenceBackends.openConfigured(model, Device.cpu(), threads);
    } catch (RuntimeException e) {
      throw new IOException("policy.model_dir " + spec.modelDir() + ": " + e.getMessage(), e);
    }
  }
}
