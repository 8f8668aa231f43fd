package io.diffpilot.runtime.config;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.runtime.bench.FixedCostPolicy;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The policies the runtime can load today: the fixed-cost fake, and model directories once a
 * network factory for them is wired in (see runtime/README.md: the U-Net factory is not on main
 * yet, so a model directory gives a clear error instead of a silent stand-in).
 */
public final class DefaultPolicyFactory implements PolicyFactory {

  @Override
  public ChunkPolicy create(RunConfig.Policy spec) throws IOException {
    if (spec.fake() != null) {
      RunConfig.Fake f = spec.fake();
      return new FixedCostPolicy(f.obsSteps(), f.obsDim(), f.actionSteps(), f.actionDim(), Math.round(f.stepCostMs() * 1e6));
    }
    if (!Files.isDirectory(spec.modelDir())) {
      throw new IOException("policy.model_dir " + spec.modelDir() + " is not a directory");
    }
    throw new IOException("policy.model_dir " + spec.modelDir()
        + ": loading diffusion model directories is not wired into this build yet (no U-Net network factory on main);"
        + " use policy.fake for now");
  }
}
