package io.diffpilot.policy.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diffpilot.policy.model.CamelCaseKeys;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.PolicyConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A training YAML: the model-directory sections (network, policy, schedule, inference) plus
 * {@code train:} (any subset of {@link TrainConfig}'s keys in snake_case, e.g. {@code batch_size};
 * the rest take diffusion_policy's defaults) and {@code dataset:} (a {@code type} and that
 * adapter's keys, see {@link DatasetRegistry}). camelCase keys of older files are read as a
 * deprecated alias ({@link CamelCaseKeys}).
 *
 * @param policy the model configuration
 * @param train optimiser, schedule and run length
 * @param dataset the dataset section as parsed
 */
public record TrainingSpec(PolicyConfig policy, TrainConfig train, Map<String, Object> dataset) {

  private static final Set<String> TOP = Set.of("network", "policy", "schedule", "inference", "train", "dataset");

  /** The sections whose keys are config records' components: the model's and {@code train}. */
  private static final Map<String, Class<? extends Record>> SECTIONS = sections();

  private static Map<String, Class<? extends Record>> sections() {
    Map<String, Class<? extends Record>> m = new LinkedHashMap<>(ModelDirectory.SECTIONS);
    m.put("train", TrainConfig.class);
    return m;
  }

  /** Parses {@code file}; errors name the file and the section. */
  public static TrainingSpec read(Path file) throws IOException {
    ObjectNode root = ModelDirectory.readMapping(file, "network, policy, train and dataset sections");
    ModelDirectory.refuseUnknownKeys(file, "unknown top-level key", root, TOP);
    root = CamelCaseKeys.toSnakeCase(file.toString(), root, SECTIONS);
    PolicyConfig policy = ModelDirectory.parseConfig(file.toString(), root);
    if (!root.hasNonNull("train")) {
      throw new IOException(file + ": the 'train' section is required (at least steps or epochs)");
    }
    if (!root.hasNonNull("dataset")) {
      throw new IOException(file + ": the 'dataset' section is required (type: synthetic, ...)");
    }
    TrainConfig train;
    try {
      train = trainConfig(root.get("train"));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": section 'train': " + e.getMessage(), e);
    }
    Map<String, Object> dataset = ModelDirectory.YAML.convertValue(root.get("dataset"), new TypeReference<LinkedHashMap<String, Object>>() {});
    return new TrainingSpec(policy, train, dataset);
  }

  /** Overlays the given keys on diffusion_policy's defaults (lr 1e-4, warm-up 500, batch 256, ...). */
  public static TrainConfig trainConfig(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("must be a mapping");
    }
    Map<String, JsonNode> v = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue()));
    TrainConfig d = TrainConfig.defaults(1, 256);
    List<String> known = CamelCaseKeys.keysOf(TrainConfig.class);
    for (String k : v.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("unknown key '" + k + "' (known: " + known + ")");
      }
    }
    return new TrainConfig(
        v.containsKey("steps") ? integer(v, "steps") : 0,
        v.containsKey("epochs") ? integer(v, "epochs") : 0,
        v.containsKey("batch_size") ? integer(v, "batch_size") : d.batchSize(),
        v.containsKey("lr") ? number(v, "lr") : d.lr(),
        v.containsKey("warmup_steps") ? integer(v, "warmup_steps") : d.warmupSteps(),
        v.containsKey("weight_decay") ? number(v, "weight_decay") : d.weightDecay(),
        v.containsKey("beta1") ? number(v, "beta1") : d.beta1(),
        v.containsKey("beta2") ? number(v, "beta2") : d.beta2(),
        v.containsKey("seed") ? (long) integer(v, "seed") : d.seed(),
        v.containsKey("checkpoint_every") ? integer(v, "checkpoint_every") : d.checkpointEvery(),
        v.containsKey("ema_power") ? number(v, "ema_power") : d.emaPower(),
        v.containsKey("ema_max_decay") ? number(v, "ema_max_decay") : d.emaMaxDecay(),
        v.containsKey("backend") ? v.get("backend").asText() : d.backend(),
        v.containsKey("threads") ? integer(v, "threads") : d.threads(),
        v.containsKey("snapshot_every") ? integer(v, "snapshot_every") : d.snapshotEvery());
  }

  private static int integer(Map<String, JsonNode> v, String key) {
    JsonNode n = v.get(key);
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new IllegalArgumentException("'" + key + "' must be an integer, got " + n);
    }
    return n.intValue();
  }

  private static double number(Map<String, JsonNode> v, String key) {
    JsonNode n = v.get(key);
    if (!n.isNumber()) {
      throw new IllegalArgumentException("'" + key + "' must be a number, got " + n);
    }
    return n.doubleValue();
  }
}
