package io.diffpilot.policy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Registers the policy module's commands on the root command line: {@code distill}, {@code import
 * diffusion-policy} and {@code model denoise} ({@code bench policy} and {@code bench train} live in
 * module tools). Groups that other modules also extend ({@code model}) are reused when already
 * present.
 */
public final class PolicyCli {

  private PolicyCli() {}

  /** Adds this module's commands to {@code root}. */
  public static void register(CommandLine root) {
    root.addSubcommand(new DistillCommand());
    group(root, "import", "Import models trained elsewhere.")
        .addSubcommand("diffusion-policy", new ImportDiffusionPolicyCommand());
    group(root, "model", "Inspect and evaluate model directories.")
        .addSubcommand("denoise", new ModelDenoiseCommand());
  }

  /** The subcommand {@code name} of {@code root}, created as an empty group when missing. */
  public static CommandLine group(CommandLine root, String name, String description) {
    CommandLine existing = root.getSubcommands().get(name);
    if (existing != null) {
      return existing;
    }
    CommandLine group = new CommandLine(new Group());
    group.getCommandSpec().usageMessage().description(description);
    root.addSubcommand(name, group);
    return root.getSubcommands().get(name);
  }

  /** A command that only holds subcommands; run alone it prints its usage. */
  @Command(mixinStandardHelpOptions = true)
  static final class Group implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getErr());
    }
  }
}
