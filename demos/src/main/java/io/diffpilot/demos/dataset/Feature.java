package io.diffpilot.demos.dataset;

import java.util.List;
import java.util.Objects;

/**
 * One low-dimensional vector feature of a dataset: a LeRobot feature key ({@code "action"},
 * {@code "observation.state"}) with its width and optional per-component names.
 *
 * @param key LeRobot feature key; observation features start with {@code "observation."}
 * @param dim width d of the [T][d] vectors
 * @param names d component names, or empty when unnamed
 */
public record Feature(String key, int dim, List<String> names) {

  /** Key prefix of observation features; the rest of the key is the {@code Episode} observation name. */
  public static final String OBSERVATION_PREFIX = "observation.";

  /** Key of the action feature. */
  public static final String ACTION = "action";

  public Feature {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("feature key is blank");
    }
    if (dim < 1) {
      throw new IllegalArgumentException("feature '" + key + "' has width " + dim + ", must be >= 1");
    }
    names = names == null ? List.of() : List.copyOf(names);
    if (!names.isEmpty() && names.size() != dim) {
      throw new IllegalArgumentException("feature '" + key + "' has " + names.size() + " names for width " + dim);
    }
  }

  /** The observation feature holding {@code Episode} observation {@code name}. */
  public static Feature observation(String name, int dim, List<String> names) {
    return new Feature(OBSERVATION_PREFIX + name, dim, names);
  }

  public static Feature action(int dim, List<String> names) {
    return new Feature(ACTION, dim, names);
  }

  public boolean isObservation() {
    return key.startsWith(OBSERVATION_PREFIX) && key.length() > OBSERVATION_PREFIX.length();
  }

  /** The {@code Episode} observation name ("state" for "observation.state"). */
  public String observationName() {
    if (!isObservation()) {
      throw new IllegalStateException("'" + key + "' is not an observation feature");
    }
    return key.substring(OBSERVATION_PREFIX.length());
  }
}
