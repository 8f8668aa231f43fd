package io.diffpilot.policy.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model directory ({@code models/<name>/} or any {@code --out DIR}): config.yaml,
 * weights.safetensors (EMA weights under diffusion_policy's state_dict names) and
 * normalizer.json (identity when absent). Each file is written to a temporary name and renamed.
 *
 * @param config the policy configuration
 * @param weights state_dict name → float32 tensor
 * @param normalizer observation and action normalizer
 */
public record ModelDirectory(PolicyConfig config, Map<String, Tensor> weights, LinearNormalizer normalizer) {

  public static final String CONFIG = "config.yaml";
  public static final String WEIGHTS = "weights.safetensors";
  public static final String NORMALIZER = "normalizer.json";

  /**
   * YAML mapper of the config records: snake_case keys ({@code input_dim} for {@code inputDim}),
   * unknown keys rejected inside a section (catches typos like "horzion").
   */
  public static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The model sections of config.yaml and the records they bind to. */
  public static final Map<String, Class<? extends Record>> SECTIONS = sections();

  private static Map<String, Class<? extends Record>> sections() {
    Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
    m.put("network", UnetConfig.class);
    m.put("policy", PolicyLayout.class);
    m.put("schedule", ScheduleConfig.class);
    m.put("inference", InferenceConfig.class);
    return Collections.unmodifiableMap(m);
  }

  public ModelDirectory {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(normalizer, "normalizer");
    weights = Map.copyOf(weights);
    if (normalizer.obs().dim() != config.policy().obsDim() || normalizer.action().dim() != config.policy().actionDim()) {
      throw new IllegalArgumentException("normalizer has obs/action widths " + normalizer.obs().dim() + "/"
          + normalizer.action().dim() + ", config says " + config.policy().obsDim() + "/" + config.policy().actionDim());
    }
  }

  /** Writes the three files into {@code dir} (created if needed). */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    writeConfig(dir.resolve(CONFIG), config);
    Path tmp = dir.resolve(WEIGHTS + ".tmp");
    Safetensors.write(tmp, weights, Map.of("format", "diffpilot", "network", "ConditionalUnet1D"));
    moveAtomically(tmp, dir.resolve(WEIGHTS));
    Path tmpNorm = dir.resolve(NORMALIZER + ".tmp");
    normalizer.save(tmpNorm);
    moveAtomically(tmpNorm, dir.resolve(NORMALIZER));
  }

  /** Reads a model directory; a directory with only the network section and weights gets defaults. */
  public static ModelDirectory load(Path dir) throws IOException {
    PolicyConfig config = readConfig(dir.resolve(CONFIG));
    Path weightsFile = dir.resolve(WEIGHTS);
    if (!Files.exists(weightsFile)) {
      throw new NoSuchFileException(weightsFile.toString(), null, "model directory has no " + WEIGHTS);
    }
    Map<String, Tensor> weights = Safetensors.read(weightsFile);
    Path normFile = dir.resolve(NORMALIZER);
    LinearNormalizer normalizer = Files.exists(normFile)
        ? LinearNormalizer.load(normFile)
        : LinearNormalizer.identity(config.policy().obsDim(), config.policy().actionDim());
    try {
      return new ModelDirectory(config, weights, normalizer);
    } catch (IllegalArgumentException e) {
      throw new IOException(dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes config.yaml atomically. */
  public static void writeConfig(Path file, PolicyConfig config) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, YAML.writeValueAsString(config));
    moveAtomically(tmp, file);
  }

  /** Parses config.yaml; errors name the file and the offending section. */
  public static PolicyConfig readConfig(Path file) throws IOException {
    return parseConfig(file.toString(), readMapping(file, "a 'network' section"));
  }

  /**
   * The YAML mapping in {@code file}, for config.yaml and the training and distillation files.
   *
   * @param expected what the mapping holds, for the message ("a 'network' section")
   * @param required top-level keys without which the file is refused with the same message
   * @throws IOException naming the file if it is not YAML, not a mapping or lacks a required key
   */
  public static ObjectNode readMapping(Path file, String expected, String... required) throws IOException {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !Arrays.stream(required).allMatch(root::hasNonNull)) {
      throw new IOException(file + ": expected a mapping with " + expected);
    }
    return (ObjectNode) root;
  }

  /**
   * Refuses the first key of {@code node} that is not in {@code known}: "where: what 'key' (known: …)".
   *
   * @param what how the key is named in the message ("unknown top-level key")
   */
  public static void refuseUnknownKeys(Object where, String what, JsonNode node, Collection<String> known)
      throws IOException {
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new IOException(where + ": " + what + " '" + key + "' (known: " + known + ")");
      }
    }
  }

  /**
   * Builds a PolicyConfig from the model sections of a parsed YAML tree (other top-level keys
   * ignored); camelCase keys are read as their snake_case names ({@link CamelCaseKeys}).
   */
  public static PolicyConfig parseConfig(String where, ObjectNode yaml) throws IOException {
    ObjectNode root = CamelCaseKeys.toSnakeCase(where, yaml, SECTIONS);
    if (!root.hasNonNull("network")) {
      throw new IOException(where + ": the 'network' section is required");
    }
    try {
      return new PolicyConfig(
          section(where, root, "network", UnetConfig.class),
          section(where, root, "policy", PolicyLayout.class),
          section(where, root, "schedule", ScheduleConfig.class),
          section(where, root, "inference", InferenceConfig.class));
    } catch (IllegalArgumentException e) {
      throw new IOException(where + ": " + e.getMessage(), e);
    }
  }

  private static <T extends Record> T section(String where, ObjectNode root, String name, Class<T> type)
      throws IOException {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    checkKeys(where, name, node, type);
    try {
      return YAML.treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      String detail = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getMessage().lines().findFirst().orElse("");
      throw new IOException(where + ": section '" + name + "': " + detail, e);
    }
  }

  /** Names unknown and missing keys before Jackson does (its record errors do not name them). */
  private static void checkKeys(String where, String name, JsonNode node, Class<? extends Record> type)
      throws IOException {
    if (!node.isObject()) {
      throw new IOException(where + ": section '" + name + "' must be a mapping");
    }
    List<String> known = CamelCaseKeys.keysOf(type);
    refuseUnknownKeys(where, "section '" + name + "': unknown key", node, known);
    for (String key : known) {
      if (!node.has(key) && !key.equals("device")) {
        throw new IOException(where + ": section '" + name + "': missing key '" + key + "'");
      }
    }
  }

  /** Replaces {@code target} by {@code source} with one rename (falls back to a plain replace). */
  public static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
