package io.diffpilot.policy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.model.CamelCaseKeys;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.policy.unet.UnetWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code network} section of a model directory's config.yaml, for commands that need only
 * the network (the full directory is the policy's {@code ModelDirectory}).
 */
final class NetworkSection {

  private NetworkSection() {}

  /** The network section of a model directory's config.yaml, for commands that only need the network. */
  static UnetConfig read(Path modelDir) throws IOException {
    Path file = modelDir.resolve("config.yaml");
    if (!Files.exists(file)) {
      throw new IOException(modelDir + " is not a model directory: it has no config.yaml");
    }
    var tree = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    var network = tree == null ? null : tree.get("network");
    if (network == null || !network.isObject()) {
      throw new IOException(file + " has no network section");
    }
    network = CamelCaseKeys.toSnakeCase(file.toString(), (ObjectNode) tree, Map.of("network", UnetConfig.class))
        .get("network");
    try {
      return ModelDirectory.YAML.treeToValue(network, UnetConfig.class);
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": bad network section: " + e.getOriginalMessage(), e);
    }
  }

  /** The net a model directory describes, checked against its weights (no engine needed). */
  static ConditionalUnet1d checkedNetwork(UnetConfig config, Map<String, Tensor> weights) {
    ConditionalUnet1d net = new ConditionalUnet1d(config);
    UnetWeights.checkMatches(net, weights);
    return net;
  }
}
