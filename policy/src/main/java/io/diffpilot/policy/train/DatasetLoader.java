package io.diffpilot.policy.train;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.model.PolicyConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the episodes a training YAML's {@code dataset:} section names by its {@code type}.
 * {@code policy} knows only {@code synthetic}; other modules register their formats
 * ({@code pusht-csv}, {@code lerobot}) with a {@link DatasetRegistry} or through
 * {@link java.util.ServiceLoader} (META-INF/services/io.diffpilot.policy.train.DatasetLoader),
 * so that policy never depends on them.
 */
public interface DatasetLoader {

  /** The {@code type:} value this loader answers to. */
  String type();

  /**
   * @param spec the dataset section, type included (values as YAML parsed them)
   * @param config the policy being trained (observation key and sizes)
   * @param baseDir directory of the YAML file, for relative paths
   */
  EpisodeDataset load(Map<String, Object> spec, PolicyConfig config, Path baseDir) throws IOException;
}
