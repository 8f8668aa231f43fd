package io.diffpilot.tools.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.diffpilot.policy.engine.Engines;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.tools.bench.policy.FastBench;
import io.diffpilot.tools.bench.policy.ForwardCase;
import io.diffpilot.tools.bench.policy.LatencySample;
import io.diffpilot.tools.bench.policy.PolicyBenchCase;
import io.diffpilot.tools.bench.policy.PolicyBenchCase.BenchSettings;
import io.diffpilot.tools.bench.policy.PythonEagerBench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot bench policy}: latency of the policy network in DJL next to the same network
 * in PyTorch eager ({@code /usr/bin/python3}), for the small net (down dims 64/128/256) and the
 * paper's default (256/512/1024), per batch size and thread count: p50/p99, their ratio, and
 * resident memory before/after the timed calls. Rows come from {@link PolicyBenchCase}s; then,
 * unless {@code --forward-only}, the inference backends side by side ({@link FastBench}): java vs
 * djl vs torchscript (the net traced by Debian's torch, run by DJL's libtorch) vs torch eager,
 * forward and DDIM 1…16 chunk rows, the latency targets and a memory soak.
 *
 * <p>Threads: libtorch's intra-op pool is resized in-process ({@code at::set_num_threads}) before
 * each thread count; the Python side gets the same count through OMP_NUM_THREADS and
 * OPENBLAS_NUM_THREADS.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Latency of the U-Net and DDIM chunks: DJL vs Java backend vs TorchScript vs PyTorch eager (p50/p99, ratios, memory).")
public final class BenchPolicyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--forward-only", description = "only the DJL vs torch forward rows (no backend comparison, no chunks)")
  boolean forwardOnly;

  @Option(names = "--steps", split = ",", defaultValue = "1,2,4,8,10,16",
      description = "DDIM step counts of the chunk rows (default ${DEFAULT-VALUE})")
  List<Integer> steps;

  @Option(names = "--chunks", defaultValue = "100",
      description = "timed chunks per batch-1 chunk row; batch > 1 rows time a tenth, at least 10 (default ${DEFAULT-VALUE})")
  int chunks;

  @Option(names = "--soak", defaultValue = "10000",
      description = "java DDIM-10 chunks per thread count for the memory check, first net only (default ${DEFAULT-VALUE})")
  int soak;

  @Option(names = "--djl-soak", defaultValue = "0", description = "the same for the djl backend (default ${DEFAULT-VALUE})")
  int djlSoak;

  @Mixin
  BenchNets nets = new BenchNets();

  @Option(names = "--batch", split = ",", defaultValue = "1,64", description = "batch sizes (default ${DEFAULT-VALUE})")
  List<Integer> batches;

  @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "intra-op thread counts (default ${DEFAULT-VALUE})")
  List<Integer> threads;

  @Option(names = "--action-dim", defaultValue = "2", description = "action dimension A (default ${DEFAULT-VALUE})")
  int actionDim;

  @Option(names = "--cond-dim", defaultValue = "40", description = "global condition width G (default ${DEFAULT-VALUE})")
  int condDim;

  @Mixin
  BenchBudget budget = new BenchBudget(5, 100, 10);

  @Mixin
  TorchPython torchPython = new TorchPython();

  @Option(names = "--no-python", description = "skip the PyTorch eager side")
  boolean noPython;

  @Option(names = "--no-djl", description = "skip the djl backend's chunk rows (long runs of the java backend's jitter)")
  boolean noDjl;

  @Option(names = "--no-torchscript",
      description = "skip the torchscript rows (the net traced by --python's torch, run by DJL's libtorch)")
  boolean noTorchscript;

  /** One printed row: a case at one net, batch and thread count. */
  record Row(String net, long params, int batch, int threads, String kind, LatencySample djl, LatencySample torch) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<PolicyBenchCase> cases = new ArrayList<>();
    cases.add(new ForwardCase());
    Optional<PythonEagerBench> py = Optional.empty();
    if (!noPython) {
      py = torchPython.find(out, "PyTorch eager side");
    }
    BenchSettings settings = budget.settings();
    Engines.pytorch();
    out.printf("cores %d, load average at start %s (figures from a loaded machine are not comparable)%n",
        Runtime.getRuntime().availableProcessors(), loadAverage());
    List<Row> rows = new ArrayList<>();
    for (int t : threads) {
      JniUtils.setNumThreads(t);
      int actual = JniUtils.getNumThreads();
      for (String name : nets.names) {
        UnetConfig config = netConfig(name);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), Engines.PYTORCH)) {
          ConditionalUnet1d net = new ConditionalUnet1d(config);
          net.initializeParameters(manager);
          long params = net.parameterCount();
          for (int b : batches) {
            for (PolicyBenchCase c : cases) {
              LatencySample djl = c.djl(net, manager, nets.horizon, b, settings);
              LatencySample torch = null;
              if (py.isPresent()) {
                torch = c.torch(py.get(), net, nets.horizon, b, t, settings).orElse(null);
              }
              Row row = new Row(name, params, b, actual, c.name(), djl, torch);
              rows.add(row);
              out.println(format(row));
              out.flush();
            }
          }
        }
      }
    }
    out.println();
    out.printf("load average at end %s; DJL rows time host arrays in, forward, host array out (UnetEvaluator)%n", loadAverage());
    out.println(table(rows));
    out.flush();
    if (!forwardOnly) {
      backendRows(out, py.isPresent());
    }
    return 0;
  }

  /**
   * The inference backends side by side: java (io.diffpilot.policy.fast) vs djl vs torch eager,
   * forward and DDIM chunk rows, the issue-8 targets, then the memory soak (FastBench).
   */
  private void backendRows(PrintWriter out, boolean withPython) throws Exception {
    int[] t = threads.stream().mapToInt(Integer::intValue).toArray();
    int[] b = batches.stream().mapToInt(Integer::intValue).toArray();
    int[] k = steps.stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < nets.names.size(); i++) {
      out.println();
      out.printf("## backends, %s net: p50/p99 per call in ms; chunk = DDIM-k from noise to x0 (java: FastDdim, "
          + "djl: DiffusionPolicy, torchscript: FastDdim over the trace, torch: the same update inline)%n", nets.names.get(i));
      FastBench.run(new FastBench.Settings(netConfig(nets.names.get(i)), nets.horizon, t, b, k, chunks, i == 0 ? soak : 0,
          i == 0 ? djlSoak : 0, !noDjl, withPython ? torchPython.python.toString() : "none",
          noTorchscript ? "none" : torchPython.python.toString()), out);
    }
  }

  private static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private UnetConfig netConfig(String name) {
    return BenchNets.config(name, actionDim, condDim);
  }

  private static String format(Row r) {
    return String.format(Locale.ROOT, "%s batch %d threads %d %s: DJL p50 %.2f ms p99 %.2f ms (n %d)%s", r.net(), r.batch(),
        r.threads(), r.kind(), r.djl().p50Millis(), r.djl().p99Millis(), r.djl().n(),
        r.torch() == null ? "" : String.format(Locale.ROOT, ", torch p50 %.2f ms p99 %.2f ms (n %d)",
            r.torch().p50Millis(), r.torch().p99Millis(), r.torch().n()));
  }

  /** Markdown table: one line per row, ratio = DJL p50 / torch p50 (above 1: DJL slower). */
  static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| net | params | batch | threads | row | DJL p50 ms | DJL p99 ms | torch p50 ms | torch p99 ms | p50 ratio DJL/torch "
        + "| DJL RSS MiB before→after | torch RSS MiB before→after |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      LatencySample d = r.djl();
      LatencySample t = r.torch();
      sb.append(String.format(Locale.ROOT, "| %s | %.2fM | %d | %d | %s | %.2f | %.2f | %s | %s | %s | %s | %s |\n",
          r.net(), r.params() / 1e6, r.batch(), r.threads(), r.kind(), d.p50Millis(), d.p99Millis(),
          t == null ? "–" : String.format(Locale.ROOT, "%.2f", t.p50Millis()),
          t == null ? "–" : String.format(Locale.ROOT, "%.2f", t.p99Millis()),
          t == null ? "–" : String.format(Locale.ROOT, "%.2f", d.p50Millis() / t.p50Millis()),
          mib(d), t == null ? "–" : mib(t)));
    }
    return sb.toString();
  }

  private static String mib(LatencySample s) {
    return String.format(Locale.ROOT, "%.0f→%.0f", s.rssBeforeKib() / 1024.0, s.rssAfterKib() / 1024.0);
  }
}
