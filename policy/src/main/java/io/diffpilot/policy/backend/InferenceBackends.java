package io.diffpilot.policy.backend;

import ai.djl.Device;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkFactory;
import io.diffpilot.policy.model.UnetNetwork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Picks the inference backend a model runs on ({@code inference.backend: auto | java | djl}) among
 * the {@link InferenceBackendProvider}s on the class path: a name picks that provider, {@code auto}
 * the available one with the highest priority ({@code java} on the CPU with the Vector API, else
 * {@code djl}).
 */
public final class InferenceBackends {

  /** The name that lets priority and availability choose. */
  public static final String AUTO = "auto";

  private static final List<InferenceBackendProvider> PROVIDERS = load();

  private InferenceBackends() {}

  private static List<InferenceBackendProvider> load() {
    List<InferenceBackendProvider> found = new ArrayList<>();
    ServiceLoader.load(InferenceBackendProvider.class, InferenceBackends.class.getClassLoader()).forEach(found::add);
    found.sort(Comparator.comparingInt(InferenceBackendProvider::priority).reversed());
    return List.copyOf(found);
  }

  /** Every provider found, highest priority first. */
  public static List<InferenceBackendProvider> providers() {
    return PROVIDERS;
  }

  /**
   * The provider for a configured name ("auto", "java", "djl", any case) and device: a named
   * provider is taken as is, {@code auto} becomes the highest-priority available one.
   */
  public static InferenceBackendProvider select(String name, Device device) {
    String key = normalize(name);
    if (key.equals(AUTO)) {
      return PROVIDERS.stream().filter(p -> p.isAvailable(device)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no inference backend is available for " + device));
    }
    return PROVIDERS.stream().filter(p -> p.name().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("inference backend must be " + choices() + ", got '" + name + "'"));
  }

  /** {@code name} trimmed and lower case, after checking it names auto or a provider. */
  public static String normalize(String name) {
    Objects.requireNonNull(name, "backend");
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (!key.equals(AUTO) && PROVIDERS.stream().noneMatch(p -> p.name().equals(key))) {
      throw new IllegalArgumentException("inference backend must be " + choices() + ", got '" + name + "'");
    }
    return key;
  }

  /** Opens a policy on the backend {@code name} selects. */
  public static ChunkPolicy open(String name, ModelDirectory model, NetworkFactory network, Device device, int threads) {
    return select(name, device).open(model, network, device, threads);
  }

  /**
   * Opens a model directory on the backend its config.yaml names ({@code inference.backend}), with
   * the DJL ConditionalUnet1d as the {@code djl} network: the entry point for the runtime.
   */
  public static ChunkPolicy openConfigured(ModelDirectory model, Device device, int threads) {
    return open(model.config().inference().backend(), model, UnetNetwork.FACTORY, device, threads);
  }

  /** "auto, java or djl". */
  private static String choices() {
    List<String> names = new ArrayList<>();
    names.add(AUTO);
    PROVIDERS.forEach(p -> names.add(p.name()));
    String last = names.remove(names.size() - 1);
    return String.join(", ", names) + " or " + last;
  }
}
