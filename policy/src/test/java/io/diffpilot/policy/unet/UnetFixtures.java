package io.diffpilot.policy.unet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch reference fixtures written by src/test/python/make_unet_fixtures.py: a random
 * state dict, inputs and the reference outputs for one configuration.
 */
record UnetFixtures(String name, Map<String, Tensor> stateDict, Map<String, Tensor> io, JsonNode meta) {

  static final List<String> NAMES = List.of("film_scale", "bias_only");

  static UnetFixtures load(String name) throws IOException {
    Path dir = dir();
    return new UnetFixtures(name, Safetensors.read(dir.resolve(name + ".weights.safetensors")),
        Safetensors.read(dir.resolve(name + ".io.safetensors")),
        new ObjectMapper().readTree(dir.resolve(name + ".json").toFile()));
  }

  static Path dir() {
    try {
      return Path.of(UnetFixtures.class.getResource("/fixtures/unet/film_scale.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  UnetConfig expectedConfig() {
    List<Integer> down = new ArrayList<>();
    meta.get("down_dims").forEach(n -> down.add(n.asInt()));
    return new UnetConfig(meta.get("input_dim").asInt(), meta.get("global_cond_dim").asInt(), meta.get("dsed").asInt(),
        down, meta.get("k").asInt(), meta.get("n_groups").asInt(), meta.get("predict_scale").asBoolean());
  }

  int nGroups() {
    return meta.get("n_groups").asInt();
  }

  int batch() {
    return meta.get("batch").asInt();
  }

  int horizon() {
    return meta.get("horizon").asInt();
  }

  static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs((double) a[i] - b[i]));
    }
    return m;
  }
}
