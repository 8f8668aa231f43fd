package io.diffpilot.tools.cli;

import io.diffpilot.policy.unet.UnetConfig;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The U-Nets a network benchmark times ({@code --nets}) and their prediction horizon
 * ({@code --horizon}): a picocli {@code @Mixin} of {@code bench policy} and {@code bench train}.
 */
final class BenchNets {
  @Option(names = "--nets", paramLabel = "<nets>", split = ",", defaultValue = "small,default",
      description = "small | default (default ${DEFAULT-VALUE})")
  List<String> names;

  @Option(names = "--horizon", defaultValue = "16", description = "prediction horizon T (default ${DEFAULT-VALUE})")
  int horizon;

  /** The net called {@code name}: small (down dims 64/128/256) or the paper's default (256/512/1024, also "paper"). */
  static UnetConfig config(String name, int actionDim, int condDim) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "small" -> UnetConfig.small(actionDim, condDim);
      case "default", "paper" -> UnetConfig.paperDefault(actionDim, condDim);
      default -> throw new IllegalArgumentException("--nets: unknown net '" + name + "' (small | default)");
    };
  }
}
