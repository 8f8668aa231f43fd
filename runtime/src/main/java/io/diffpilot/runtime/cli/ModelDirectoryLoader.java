package io.diffpilot.runtime.cli;

import ai.djl.Device;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.backend.InferenceBackends;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.sim.eval.PolicyLoader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a model directory for {@code diffpilot eval}: one policy per evaluation worker, on the
 * backend the model's config names, one kernel thread each (the workers are the parallelism).
 */
final class ModelDirectoryLoader implements PolicyLoader {

  @Override
  public ChunkPolicy load(Path modelDir, int workerIndex) throws IOException {
    return InferenceBackends.openConfigured(ModelDirectory.load(modelDir), Device.cpu(), 1);
  }
}
