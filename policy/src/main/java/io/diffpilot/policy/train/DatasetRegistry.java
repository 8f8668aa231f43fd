package io.diffpilot.policy.train;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.core.data.DatasetAdapter;
import io.diffpilot.core.data.DatasetSection;
import io.diffpilot.policy.model.PolicyConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The dataset types a training YAML may name: policy's own {@code synthetic} and every core
 * {@link DatasetAdapter} on the class path (demos registers {@code pusht-csv} and {@code lerobot}
 * in its META-INF/services), so that policy never depends on a dataset format.
 */
public final class DatasetRegistry {

  static final String SYNTHETIC = "synthetic";

  private final Map<String, DatasetAdapter> adapters = new LinkedHashMap<>();

  /** {@code synthetic} plus every {@link DatasetAdapter} the class path's service registry lists. */
  public static DatasetRegistry withBuiltins() {
    DatasetRegistry r = new DatasetRegistry();
    for (DatasetAdapter a : ServiceLoader.load(DatasetAdapter.class)) {
      r.register(a);
    }
    return r;
  }

  /** Adds or replaces the adapter for its type. */
  public DatasetRegistry register(DatasetAdapter adapter) {
    adapters.put(adapter.type(), adapter);
    return this;
  }

  public Set<String> types() {
    Set<String> types = new LinkedHashSet<>();
    types.add(SYNTHETIC);
    types.addAll(adapters.keySet());
    return types;
  }

  /** Loads the dataset a {@code dataset:} section describes, for a policy with {@code config}. */
  public EpisodeDataset load(Map<String, Object> spec, PolicyConfig config, Path baseDir) throws IOException {
    Object type = spec.get("type");
    if (type == null) {
      throw new IllegalArgumentException("dataset: missing 'type' (known: " + types() + ")");
    }
    DatasetAdapter adapter = adapters.get(type.toString());
    if (adapter == null && type.toString().equals(SYNTHETIC)) {
      // synthetic episodes take their observation key and width from the policy they train
      adapter = new SyntheticAdapter(config);
    }
    if (adapter == null) {
      throw new IllegalArgumentException("dataset: unknown type '" + type + "' (known: " + types() + ")");
    }
    return adapter.open(new DatasetSection(type.toString(), spec, baseDir));
  }

  /**
   * {@code type: synthetic}: {@link SyntheticDataset} with keys {@code episodes} (32),
   * {@code length} (30), {@code seed} (0); observation key and width come from the policy section.
   */
  private record SyntheticAdapter(PolicyConfig config) implements DatasetAdapter {
    private static final Set<String> KEYS = Set.of("episodes", "length", "seed");

    @Override
    public String type() {
      return SYNTHETIC;
    }

    @Override
    public EpisodeDataset open(DatasetSection section) {
      section.requireOnly(KEYS);
      if (config.policy().actionDim() != 2) {
        throw new IllegalArgumentException("dataset (synthetic) has 2-D actions, policy.action_dim is "
            + config.policy().actionDim());
      }
      return new SyntheticDataset(section.integer("episodes", 32), section.integer("length", 30),
          config.policy().obsKey(), config.policy().obsDim(), section.integer("seed", 0));
    }
  }
}
