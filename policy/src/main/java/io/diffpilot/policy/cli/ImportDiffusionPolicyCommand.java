package io.diffpilot.policy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.policy.unet.UnetWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffpilot import diffusion-policy}: turns a ConditionalUnet1D {@code state_dict} saved
 * as safetensors (float32) into a DiffPilot model directory: config.yaml (network sizes
 * inferred from the tensor shapes, policy layout and default schedule), weights.safetensors and
 * an identity normalizer.json.
 */
@Command(name = "diffusion-policy", mixinStandardHelpOptions = true,
    description = "Import a diffusion_policy ConditionalUnet1D state_dict (safetensors) as a model directory.")
public final class ImportDiffusionPolicyCommand extends PolicyCommand {

  @Option(names = "--state-dict", required = true, paramLabel = "FILE", description = "state_dict saved as safetensors")
  Path stateDict;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write")
  Path out;

  @Option(names = "--n-groups", defaultValue = "8", description = "GroupNorm groups (not visible in the shapes; default ${DEFAULT-VALUE})")
  int nGroups;

  @Option(names = "--obs-steps", defaultValue = "2", description = "observation steps To (default ${DEFAULT-VALUE})")
  int obsSteps;

  @Option(names = "--horizon", defaultValue = "16", description = "prediction horizon Tp (default ${DEFAULT-VALUE})")
  int horizon;

  @Option(names = "--action-steps", defaultValue = "8", description = "executed actions Ta (default ${DEFAULT-VALUE})")
  int actionSteps;

  @Option(names = "--obs-key", defaultValue = "obs", description = "observation name in episodes (default ${DEFAULT-VALUE})")
  String obsKey;

  public ImportDiffusionPolicyCommand() {
    super("diffpilot import diffusion-policy");
  }

  @Override
  int execute(PrintWriter stdout, PrintWriter err) throws IOException {
    Map<String, Tensor> weights = Safetensors.read(stateDict);
    UnetConfig config = UnetWeights.inferConfig(weights, nGroups);
    ObjectNode yaml = configYaml(config, obsKey, obsSteps, horizon, actionSteps);
    write(out, yaml, toFloat32(weights), config, stateDict.getFileName().toString());
    stdout.printf("imported %s: %s, %,d parameters -> %s%n", stateDict, config,
        weights.values().stream().mapToLong(Tensor::numel).sum(), out);
    return 0;
  }

  @Override
  boolean expected(Exception e) {
    return e instanceof IOException || e instanceof IllegalArgumentException;
  }

  /** config.yaml's tree: network (inferred), policy (layout), schedule (diffusion_policy's Push-T defaults). */
  static ObjectNode configYaml(UnetConfig network, String obsKey, int obsSteps, int horizon, int actionSteps) {
    if (obsSteps < 1 || network.globalCondDim() % obsSteps != 0) {
      throw new IllegalArgumentException("global cond dim " + network.globalCondDim() + " is not divisible by --obs-steps " + obsSteps);
    }
    if (horizon < 1 || horizon % network.horizonMultiple() != 0) {
      throw new IllegalArgumentException("--horizon " + horizon + " must be a positive multiple of " + network.horizonMultiple()
          + " for " + network.downDims().size() + " down levels");
    }
    if (actionSteps < 1 || actionSteps > horizon) {
      throw new IllegalArgumentException("--action-steps " + actionSteps + " must be in [1, horizon " + horizon + "]");
    }
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    ObjectNode net = root.putObject("network");
    net.put("input_dim", network.inputDim());
    net.put("global_cond_dim", network.globalCondDim());
    net.put("step_embed_dim", network.stepEmbedDim());
    ArrayNode dims = net.putArray("down_dims");
    network.downDims().forEach(dims::add);
    net.put("kernel_size", network.kernelSize());
    net.put("n_groups", network.nGroups());
    net.put("cond_predict_scale", network.condPredictScale());
    ObjectNode policy = root.putObject("policy");
    policy.put("obs_key", obsKey);
    policy.put("obs_dim", network.globalCondDim() / obsSteps);
    policy.put("action_dim", network.inputDim());
    policy.put("obs_steps", obsSteps);
    policy.put("horizon", horizon);
    policy.put("action_steps", actionSteps);
    ObjectNode schedule = root.putObject("schedule");
    schedule.put("train_timesteps", 100);
    schedule.put("beta_schedule", "squaredcos_cap_v2");
    schedule.put("beta_start", 0.0001);
    schedule.put("beta_end", 0.02);
    schedule.put("prediction_type", "epsilon");
    schedule.put("clip_sample", true);
    schedule.put("clip_sample_range", 1.0);
    return root;
  }

  private static Map<String, Tensor> toFloat32(Map<String, Tensor> weights) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    weights.forEach((k, t) -> out.put(k, t.dtype() == Safetensors.DType.F32 ? t : Tensor.ofFloats(t.toFloatArray(), t.shape())));
    return out;
  }

  private static void write(Path dir, ObjectNode yaml, Map<String, Tensor> weights, UnetConfig config, String source) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper yamlMapper = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    String header = "# Imported by `diffpilot import diffusion-policy` from " + source + "\n";
    writeAtomically(dir.resolve("config.yaml"), header + yamlMapper.writeValueAsString(yaml));
    Safetensors.write(dir.resolve("weights.safetensors"), weights,
        Map.of("format", "diffpilot", "network", "ConditionalUnet1D", "source", source));
    ObjectMapper json = new ObjectMapper();
    ObjectNode norm = json.createObjectNode();
    identity(norm.putObject("obs"), config.globalCondDim() / yaml.get("policy").get("obs_steps").asInt());
    identity(norm.putObject("action"), config.inputDim());
    writeAtomically(dir.resolve("normalizer.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(norm) + "\n");
  }

  /** min = −1, max = 1 per dimension: the identity map onto [−1, 1]. */
  private static void identity(ObjectNode node, int dim) {
    ArrayNode min = node.putArray("min");
    ArrayNode max = node.putArray("max");
    for (int i = 0; i < dim; i++) {
      min.add(-1.0);
      max.add(1.0);
    }
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
