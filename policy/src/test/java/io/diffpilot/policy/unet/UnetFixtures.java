package io.diffpilot.policy.unet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch reference fixtures written by src/test/python/make_unet_fixtures.py (folder
 * {@code unet}: a random state dict, inputs and the reference outputs for one configuration) and
 * make_unet_grad_fixtures.py (folder {@code unet-grad}: the same, with a target, the loss and the
 * gradient of every parameter, {@link #tensors tensors("grad")}).
 */
public record UnetFixtures(String name, Path directory, Map<String, Tensor> stateDict, Map<String, Tensor> io, JsonNode meta) {

  static final List<String> NAMES = List.of("film_scale", "bias_only");

  /** A forward fixture of {@code unet/}. */
  public static UnetFixtures load(String name) throws IOException {
    return load("unet", name);
  }

  /** A fixture of {@code /fixtures/<folder>/}. */
  public static UnetFixtures load(String folder, String name) throws IOException {
    Path dir = dir(folder);
    return new UnetFixtures(name, dir, Safetensors.read(dir.resolve(name + ".weights.safetensors")),
        Safetensors.read(dir.resolve(name + ".io.safetensors")),
        new ObjectMapper().readTree(dir.resolve(name + ".json").toFile()));
  }

  private static Path dir(String folder) {
    URL url = UnetFixtures.class.getResource("/fixtures/" + folder + "/film_scale.json");
    if (url == null) {
      throw new AssertionError("missing test fixtures /fixtures/" + folder + " (written by src/test/python/make_unet_*.py)");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tensors of {@code <name>.<kind>.safetensors} beside the others (e.g. "grad"). */
  public Map<String, Tensor> tensors(String kind) throws IOException {
    return Safetensors.read(directory.resolve(name + "." + kind + ".safetensors"));
  }

  public UnetConfig expectedConfig() {
    List<Integer> down = new ArrayList<>();
    meta.get("down_dims").forEach(n -> down.add(n.asInt()));
    return new UnetConfig(meta.get("input_dim").asInt(), meta.get("global_cond_dim").asInt(), meta.get("dsed").asInt(),
        down, meta.get("k").asInt(), meta.get("n_groups").asInt(), meta.get("predict_scale").asBoolean());
  }

  int nGroups() {
    return meta.get("n_groups").asInt();
  }

  public int batch() {
    return meta.get("batch").asInt();
  }

  public int horizon() {
    return meta.get("horizon").asInt();
  }

  public static double maxAbsDiff(float[] a, float[] b) {
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
