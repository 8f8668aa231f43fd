package io.diffpilot.runtime.config;

import ai.djl.Device;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.fast.InferenceBackend;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.runtime.bench.FixedCostPolicy;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The policies the runtime loads: a diffusion model directory (config.yaml, weights.safetensors,
 * normalizer.json) on the inference backend its config names (Java kernels or DJL, CPU), or the
 * fixed-cost fake of benchmarks and smoke tests.
 */
public final class DefaultPolicyFactory implements PolicyFactory {

  @Override
  public ChunkPolicy create(RunConfig.Policy spec) throws IOException {
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
    // The inference thread is the only caller; two kernel threads leave a core for the transport.
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() - 1));
    try {
      return InferenceBackend.openConfigured(model, Device.cpu(), threads);
    } catch (RuntimeException e) {
      throw new IOException("policy.model_dir " + spec.modelDir() + ": " + e.getMessage(), e);
    }
  }
}
