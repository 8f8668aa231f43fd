package io.diffpilot.core.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A training YAML's {@code dataset:} section as parsed: its {@code type}, every key with the
 * value YAML gave it, and the YAML file's directory. Errors name the section's type and the key.
 *
 * @param type the {@code type:} value
 * @param values every key of the section, {@code type} included (values may be null)
 * @param baseDir directory of the YAML file, against which relative paths resolve
 */
public record DatasetSection(String type, Map<String, Object> values, Path baseDir) {

  public DatasetSection {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(baseDir, "baseDir");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** This section, refused when it has a key other than {@code type} and {@code known}. */
  public DatasetSection requireOnly(Set<String> known) {
    for (String k : values.keySet()) {
      if (!known.contains(k) && !k.equals("type")) {
        throw new IllegalArgumentException("dataset (" + type + "): unknown key '" + k + "' (known: " + known + ")");
      }
    }
    return this;
  }

  /** Whether the section gives {@code key}. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The {@code path} key, resolved against the YAML file's directory. */
  public Path path() {
    Object p = values.get("path");
    if (p == null) {
      throw new IllegalArgumentException("dataset (" + type + "): missing 'path'");
    }
    return baseDir.resolve(p.toString()).normalize();
  }

  /** The integer at {@code key}, or {@code fallback} when the key is absent or null. */
  public int integer(String key, int fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("dataset (" + type + "): '" + key + "' must be an integer, got " + v);
  }
}
