package io.diffpilot.runtime.datasets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Reads the keys of a training YAML's {@code dataset:} section, rejecting unknown ones by name. */
record DatasetSpec(String type, Map<String, Object> values, Path baseDir) {

  DatasetSpec(String type, Map<String, Object> values, Path baseDir, Set<String> known) {
    this(type, values, baseDir);
    for (String k : values.keySet()) {
      if (!known.contains(k) && !k.equals("type")) {
        throw new IllegalArgumentException("dataset (" + type + "): unknown key '" + k + "' (known: " + known + ")");
      }
    }
  }

  /** The {@code path} key, resolved against the YAML file's directory. */
  Path path() {
    Object p = values.get("path");
    if (p == null) {
      throw new IllegalArgumentException("dataset (" + type + "): missing 'path'");
    }
    return baseDir.resolve(p.toString()).normalize();
  }

  int integer(String key, int fallback) {
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
