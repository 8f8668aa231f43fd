package io.diffpilot.runtime.cli;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Clock;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import io.diffpilot.runtime.config.DefaultPolicyFactory;
import io.diffpilot.runtime.config.PolicyFactory;
import io.diffpilot.runtime.config.RunConfig;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.control.MergeRule;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.MqttRobotClient;
import io.diffpilot.runtime.mqtt.MqttTransport;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.simrobot.ChunkExecutor;
import io.diffpilot.runtime.simrobot.LatencyHistogram;
import io.diffpilot.runtime.simrobot.LatencyRecorder;
import io.diffpilot.runtime.simrobot.PushTHeuristicPolicy;
import io.diffpilot.runtime.simrobot.PushTRobot;
import io.diffpilot.runtime.transport.RuntimeStatus;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.sim.render.GifWriter;
import io.diffpilot.sim.render.PushTRenderer;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot quickstart}: the embedded broker, the simulated Push-T robot and the runtime in
 * one process, over real MQTT on loopback. Runs a few episodes, prints coverage/success and
 * latency percentiles, writes a rollout GIF, a latency histogram and a short report.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Broker + simulated Push-T robot + runtime on this machine: a few episodes, a GIF and a latency report.")
public final class QuickstartCommand implements Callable<Integer> {

  private static final String ROBOT = "pusht1";
  private static final long MS = 1_000_000L;

  @Spec
  CommandSpec spec;

  @Option(names = "--episodes", defaultValue = "3", description = "episodes (default ${DEFAULT-VALUE})")
  int episodes;

  @Mixin
  PushTEpisodes run = new PushTEpisodes(200);

  @Option(names = "--model", description = "model directory (default: the bundled models/pusht-keypoints if present)")
  Path model;

  @Option(names = "--out", defaultValue = "quickstart-out", description = "output folder (default ${DEFAULT-VALUE})")
  Path outDir;

  @Option(names = "--merge", description = "how overlapping chunks merge: latest | average | exponential "
      + "(default: the runtime's default, latest)")
  String merge;

  @Option(names = "--trigger-remaining", description = "ask for the next chunk when this many actions are left "
      + "(default: the runtime's default, 4)")
  Integer triggerRemaining;

  @Option(names = "--speed", defaultValue = "1", description = "clock speed-up of the simulated robot and the runtime "
      + "(default ${DEFAULT-VALUE}: real time); inference counts against the budget at the same scale")
  double speed;

  private final PolicyFactory policies;

  public QuickstartCommand() {
    this(new DefaultPolicyFactory());
  }

  public QuickstartCommand(PolicyFactory policies) {
    this.policies = policies;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ControlConfig cc = ControlConfig.defaults(ROBOT).withBudget(80 * MS, 4, 16);
    Clock clock;
    try {
      run.check(episodes);
      if (merge != null) {
        cc = cc.withMerge(MergeRule.parse(merge));
      }
      if (triggerRemaining != null) {
        if (triggerRemaining < 0) {
          throw new IllegalArgumentException("--trigger-remaining must be >= 0, got " + triggerRemaining);
        }
        cc = cc.withTiming(cc.stepNanos(), triggerRemaining, cc.stalenessNanos(), cc.watchdogNanos());
      }
      clock = speed == 1 ? Clock.system() : Clock.scaled(speed);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("diffpilot quickstart: " + e.getMessage());
      return 2;
    }
    ChunkPolicy policy = null;
    String policyName;
    Path modelDir = model != null ? model : InstallFolder.pushTModel();
    try {
      if (Files.isDirectory(modelDir)) {
        policy = policies.create(new RunConfig.Policy(modelDir, null));
      }
    } catch (Exception e) {
      out.println("model " + modelDir + " not usable here (" + e.getMessage() + ")");
    }
    if (policy == null) {
      policy = new PushTHeuristicPolicy();
      policyName = "scripted Push-T heuristic (stand-in: no trained diffusion model available yet)";
    } else {
      policyName = "diffusion policy from " + modelDir;
    }
    ObservationKind kind = policy.obsDim() == ObservationKind.KEYPOINTS.dim() ? ObservationKind.KEYPOINTS
        : ObservationKind.STATE;
    if (policy.obsDim() != kind.dim() || policy.actionDim() != 2) {
      spec.commandLine().getErr().println("diffpilot quickstart: policy expects obs " + policy.obsDim() + " / actions "
          + policy.actionDim() + ", Push-T offers obs 5 or 20 / actions 2");
      policy.close();
      return 2;
    }
    Sampling preferred = policy.preferredSampling();
    if (preferred != null && preferred.sampler() == SamplerKind.CONSISTENCY) {
      // A distilled student: 1 … its own step count, never DDIM's 4 … 16.
      cc = cc.withBudget(cc.budgetNanos(), 1, preferred.steps()).withSampler(SamplerKind.CONSISTENCY);
      policyName += " (consistency student, 1-" + preferred.steps() + " steps)";
    }
    Files.createDirectories(outDir);
    out.println("policy: " + policyName);
    String robot = ROBOT;
    LatencyRecorder latency = new LatencyRecorder(clock::nanos);
    ChunkExecutor executor = new ChunkExecutor();
    List<PushTRobot.EpisodeResult> results = new ArrayList<>();
    RuntimeStatus finalStatus;
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      out.println("embedded MQTT broker on " + broker.url() + " (loopback only)");
      BrokerConfig bc = BrokerConfig.plain(broker.url());
      try (ControlLoop loop = new ControlLoop(cc, policy, new MqttTransport(bc, Topics.of(robot), clock), clock, null);
          MqttRobotClient client = new MqttRobotClient(bc, Topics.of(robot), c -> {
            latency.arrived(c);
            executor.accept(c);
          }, null)) {
        loop.warmUp(ControlLoop.WARM_UP_NANOS, ControlLoop.WARM_UP_CHUNKS);
        loop.start((long) (20 * MS / speed)); // the watchdog ticks every 20 ms of robot time
        PushTRobot sim = new PushTRobot(clock, executor, o -> {
          latency.captured(o.sequence(), o.captureNanos());
          return client.publishObservation(o);
        }, kind, run.maxSteps);
        for (int e = 0; e < episodes; e++) {
          PushTRobot.EpisodeResult r = sim.runEpisode(run.seed(e), e == 0);
          results.add(r);
          out.printf("episode %d (seed %d): %d steps, max coverage %.3f, %s%n", e, r.seed(), r.steps(), r.maxCoverage(),
              r.success() ? "SUCCESS" : "no success");
          out.flush();
        }
        finalStatus = loop.status();
      }
    } finally {
      policy.close();
    }
    long[] e2e = latency.endToEndSorted();
    long[] inf = latency.inferenceSorted();
    double meanCov = results.stream().mapToDouble(PushTRobot.EpisodeResult::maxCoverage).average().orElse(0);
    long successes = results.stream().filter(PushTRobot.EpisodeResult::success).count();
    String lat = String.format(Locale.ROOT,
        "latency observation -> chunk (%d chunks, robot clock): p50 %.2f ms, p99 %.2f ms, max %.2f ms; inference p50 %.2f ms, p99 %.2f ms",
        e2e.length, q(e2e, 0.5), q(e2e, 0.99), q(e2e, 1.0), q(inf, 0.5), q(inf, 0.99));
    out.printf(Locale.ROOT, "%d episodes: mean max coverage %.3f, success %d/%d%n", episodes, meanCov, successes, episodes);
    out.println(lat);
    out.println("controller faults: " + finalStatus.faults());

    Path gif = outDir.resolve("rollout.gif");
    PushTRenderer renderer = new PushTRenderer();
    List<BufferedImage> frames = new ArrayList<>();
    for (PushTRobot.Frame f : results.get(0).frames()) {
      frames.add(renderer.render(f.state(), f.action(), 256));
    }
    GifWriter.write(gif, frames, 100);
    Path png = outDir.resolve("latency.png");
    LatencyHistogram.write(png, e2e, "DiffPilot quickstart: observation -> chunk latency over MQTT (loopback)");
    Path report = outDir.resolve("REPORT.md");
    StringBuilder md = new StringBuilder();
    md.append("# DiffPilot quickstart\n\n");
    md.append("- policy: ").append(policyName).append('\n');
    md.append("- transport: embedded HiveMQ CE on 127.0.0.1, MQTT 5 + Protobuf (diffpilot.v1)\n");
    md.append(String.format(Locale.ROOT, "- control: %d Hz actions, chunks of %d, next asked at %d left, budget %.0f ms, merge %s, "
        + "clock %s%n", 1_000_000_000L / cc.stepNanos(), policy.actionSteps(), cc.triggerRemaining(), cc.budgetNanos() / 1e6,
        cc.mergeRule().name().toLowerCase(Locale.ROOT), speed == 1 ? "real time" : speed + "x real time"));
    md.append("\n| episode | seed | steps | max coverage | success |\n|---|---|---|---|---|\n");
    for (int e = 0; e < results.size(); e++) {
      PushTRobot.EpisodeResult r = results.get(e);
      md.append(String.format(Locale.ROOT, "| %d | %d | %d | %.3f | %s |%n", e, r.seed(), r.steps(), r.maxCoverage(),
          r.success() ? "yes" : "no"));
    }
    md.append(String.format(Locale.ROOT, "%nMean max coverage %.3f, success %d/%d.%n%n", meanCov, successes, episodes));
    md.append(lat).append(".\n\nController faults: ").append(finalStatus.faults()).append("\n\n");
    md.append("![rollout](rollout.gif)\n\n![latency](latency.png)\n");
    Files.writeString(report, md.toString());
    out.println("wrote " + gif + ", " + png + ", " + report);
    return 0;
  }

  private static double q(long[] sorted, double quantile) {
    return LatencyRecorder.quantile(sorted, quantile) / 1e6;
  }
}
