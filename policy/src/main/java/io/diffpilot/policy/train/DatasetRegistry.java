package io.diffpilot.policy.train;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.model.PolicyConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** Dataset loaders by {@code type}: the built-in {@code synthetic}, service-loaded ones, and registered ones. */
public final class DatasetRegistry {

  private final Map<String, DatasetLoader> loaders = new LinkedHashMap<>();

  /** {@code synthetic} plus every {@link DatasetLoader} on the class path's service registry. */
  public static DatasetRegistry withBuiltins() {
    DatasetRegistry r = new DatasetRegistry();
    r.register(new SyntheticLoader());
    for (DatasetLoader l : ServiceLoader.load(DatasetLoader.class)) {
      r.register(l);
    }
    return r;
  }

  /** Adds or replaces the loader for its type. */
  public DatasetRegistry register(DatasetLoader loader) {
    loaders.put(loader.type(), loader);
    return this;
  }

  public Set<String> types() {
    return loaders.keySet();
  }

  /** Loads the dataset a {@code dataset:} section describes. */
  public EpisodeDataset load(Map<String, Object> spec, PolicyConfig config, Path baseDir) throws IOException {
    Object type = spec.get("type");
    if (type == null) {
      throw new IllegalArgumentException("dataset: missing 'type' (known: " + loaders.keySet() + ")");
    }
    DatasetLoader l = loaders.get(type.toString());
    if (l == null) {
      throw new IllegalArgumentException("dataset: unknown type '" + type + "' (known: " + loaders.keySet() + ")");
    }
    return l.load(spec, config, baseDir);
  }

  /**
   * {@code type: synthetic}: {@link SyntheticDataset} with keys {@code episodes} (32),
   * {@code length} (30), {@code seed} (0); observation key and width come from the policy section.
   */
  static final class SyntheticLoader implements DatasetLoader {
    private static final Set<String> KEYS = Set.of("type", "episodes", "length", "seed");

    @Override
    public String type() {
      return "synthetic";
    }

    @Override
    public EpisodeDataset load(Map<String, Object> spec, PolicyConfig config, Path baseDir) {
      for (String k : spec.keySet()) {
        if (!KEYS.contains(k)) {
          throw new IllegalArgumentException("dataset (synthetic): unknown key '" + k + "' (known: " + KEYS + ")");
        }
      }
      if (config.policy().actionDim() != 2) {
        throw new IllegalArgumentException("dataset (synthetic) has 2-D actions, policy.actionDim is " + config.policy().actionDim());
      }
      return new SyntheticDataset(integer(spec, "episodes", 32), integer(spec, "length", 30), config.policy().obsKey(),
          config.policy().obsDim(), integer(spec, "seed", 0));
    }

    private static int integer(Map<String, Object> spec, String key, int fallback) {
      Object v = spec.get(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Number n && n.doubleValue() == n.intValue()) {
        return n.intValue();
      }
      throw new IllegalArgumentException("dataset (synthetic): '" + key + "' must be an integer, got " + v);
    }
  }
}
