package io.diffpilot.tools.cli;

import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.runtime.cli.InstallFolder;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.LocalMosquitto;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.tools.bench.runtime.FleetBench;
import io.diffpilot.tools.bench.runtime.FleetPlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot bench fleet}: N simulated Push-T robots at 10 Hz against 1 and 2 {@code serve}
 * processes through a local mosquitto, batching on and off, in one run. Per cell: chunks/s,
 * observation→chunk p50/p99, deadline misses, CPU per robot and the broker's share of all CPU used;
 * then a plot of p99 against N.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Fleet benchmark: simulated Push-T robots against serve processes through mosquitto.")
public final class BenchFleetCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--robots", split = ",", defaultValue = "1,8,32,64,128",
      description = "fleet sizes (default ${DEFAULT-VALUE})")
  List<Integer> robots;

  @Option(names = "--servers", split = ",", defaultValue = "1,2", description = "serve process counts (default ${DEFAULT-VALUE})")
  List<Integer> servers;

  @Option(names = "--batching", split = ",", defaultValue = "on,off", description = "on, off or both (default ${DEFAULT-VALUE})")
  List<String> batching;

  @Option(names = "--model", description = "model directory (default: the bundled models/pusht-keypoints)")
  Path model;

  @Option(names = "--steps", defaultValue = "8", description = "DDIM steps per chunk (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--budget-ms", defaultValue = "80", description = "latency budget per chunk (default ${DEFAULT-VALUE})")
  double budgetMs;

  @Option(names = "--trigger-remaining", defaultValue = "4",
      description = "each robot asks for its next chunk when this many actions remain (default ${DEFAULT-VALUE}, as `run`)")
  int triggerRemaining;

  @Option(names = "--max-batch", defaultValue = "128",
      description = "each serve's --max-batch when batching is on (default ${DEFAULT-VALUE})")
  int maxBatch;

  @Option(names = "--serve-workers", defaultValue = "1",
      description = "each serve's --workers: threads per model sharing one queue (default ${DEFAULT-VALUE})")
  int serveWorkers;

  @Option(names = "--serve-threads", description = "each serve's kernel threads per denoising call (default: serve's)")
  Integer serveThreads;

  @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per cell (default ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--warmup-s", defaultValue = "5", description = "unmeasured seconds before each cell (default ${DEFAULT-VALUE})")
  double warmupSeconds;

  @Option(names = "--plot", defaultValue = "fleet-p99.png", description = "plot of p99 against N (default ${DEFAULT-VALUE})")
  Path plot;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = model != null ? model : InstallFolder.pushTModel();
    if (!Files.isRegularFile(dir.resolve(ModelDirectory.CONFIG))) {
      spec.commandLine().getErr().println("diffpilot bench fleet: no model at " + dir + " (--model DIR)");
      return 2;
    }
    PolicyLayout layout = ModelDirectory.readConfig(dir.resolve(ModelDirectory.CONFIG)).policy();
    ObservationKind kind = layout.obsDim() == ObservationKind.KEYPOINTS.dim() ? ObservationKind.KEYPOINTS
        : ObservationKind.STATE;
    long budgetNanos = Math.round(budgetMs * 1e6);
    out.printf("fleet bench: %s, DDIM-%d, budget %.0f ms, robots at 10 Hz asking at %d actions left, %s s per cell"
        + " after %s s warm-up%n", dir.getFileName(), steps, budgetMs, triggerRemaining, seconds, warmupSeconds);
    out.printf("CPU: %s, %d cores, preferred vector width %s bits; the machine may be shared: %.2f load average%n",
        cpuModel(), Runtime.getRuntime().availableProcessors(), vectorBits(), loadAverage());
    out.println("servers batch robots | chunks/s | obs->chunk p50 / p99 ms | deadline misses | holds | CPU/robot ms/s "
        + "(fleet JVM) | serve CPU % | broker share");
    out.flush();
    Map<String, List<FleetBench.Cell>> series = new LinkedHashMap<>();
    try (LocalMosquitto broker = LocalMosquitto.start()) {
      for (int k : servers) {
        for (String b : batching) {
          boolean on = b.equalsIgnoreCase("on");
          String label = k + " serve" + (k == 1 ? "" : "s") + ", batching " + (on ? "on" : "off");
          List<FleetBench.Cell> cells = new ArrayList<>();
          List<Process> procs = new ArrayList<>();
          try {
            for (int i = 0; i < k; i++) {
              procs.add(startServe(broker.url(), dir, "s" + i, on ? maxBatch : 1, serveThreads, serveWorkers));
            }
            for (int n : robots) {
              long brokerBefore = FleetBench.ProcessCpu.ofPid(broker.pid());
              long serveBefore = serveCpu(procs);
              FleetBench.Cell c = FleetBench.run(BrokerConfig.plain(broker.url()), "pusht", n, kind, layout.obsSteps(),
                  layout.actionSteps(), steps, budgetNanos, triggerRemaining, warmupSeconds, seconds);
              // Broker and serve CPU cover warm-up and measurement; scale them to the measured part.
              double scale = c.seconds() / (c.seconds() + warmupSeconds);
              double brokerCpu = (FleetBench.ProcessCpu.ofPid(broker.pid()) - brokerBefore) * scale;
              double serveCpu = (serveCpu(procs) - serveBefore) * scale;
              double total = brokerCpu + serveCpu + c.fleetCpuNanos();
              out.printf("%7d %5s %6d | %8.1f | %8.1f / %6.1f | %15d | %5d | %14.1f | %11.0f | %5.1f %%%n", k, on ? "on" : "off",
                  n, c.chunksPerSecond(), c.p50Nanos() / 1e6, c.p99Nanos() / 1e6, c.deadlineMisses(), c.holds(),
                  c.fleetCpuNanos() / 1e6 / c.seconds() / n, 100 * serveCpu / 1e9 / c.seconds(), 100 * brokerCpu / total);
              out.printf("%21s where: %s%n", "", c.where().describe());
              out.flush();
              cells.add(c);
            }
          } finally {
            for (Process p : procs) {
              p.destroy();
              if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
              }
            }
          }
          series.put(label, cells);
        }
      }
    }
    FleetPlot.write(plot, series, budgetNanos, "observation->chunk p99 vs robots (Push-T, DDIM-" + steps + ", 10 Hz)");
    out.println("plot: " + plot.toAbsolutePath());
    return 0;
  }

  private static long serveCpu(List<Process> procs) throws IOException {
    long sum = 0;
    for (Process p : procs) {
      sum += FleetBench.ProcessCpu.ofPid(p.pid());
    }
    return sum;
  }

  /** A real serve JVM on this JVM's class path, ready once it printed "serving". */
  private static Process startServe(String url, Path model, String name, int maxBatch, Integer threads, int workers)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("diffpilot-bench-serve-", ".log");
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), "io.diffpilot.runtime.cli.Main", "serve", "--broker", url, "--model",
        "pusht=" + model.toAbsolutePath(), "--name", name, "--max-batch", Integer.toString(maxBatch), "--workers",
        Integer.toString(workers)));
    // The serve JVMs run the kernels being measured, so they take this JVM's -XX flags: with
    // JAVA_OPTS=-XX:UseAVX=2 the whole fleet, not only the robots, runs at 256-bit vectors.
    command.addAll(1, vmFlags());
    if (threads != null) {
      command.addAll(List.of("--threads", threads.toString()));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(log).contains("\nserving ") && !Files.readString(log).startsWith("serving ")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("serve " + name + " did not start: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return p;
  }

  static List<String> vmFlags() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-XX:"))
        .toList();
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String vectorBits() {
    try {
      Object species = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
      return Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("vectorBitSize").invoke(species).toString();
    } catch (ReflectiveOperationException | LinkageError e) {
      return "? (jdk.incubator.vector not loaded)";
    }
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
