package io.diffpilot.tools.cli;

import ai.djl.pytorch.jni.JniUtils;
import io.diffpilot.policy.engine.Engines;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.tools.bench.policy.LatencySample;
import io.diffpilot.tools.bench.policy.MachineInfo;
import io.diffpilot.tools.bench.policy.PythonEagerBench;
import io.diffpilot.tools.bench.policy.TrainStepBench;
import io.diffpilot.tools.bench.policy.TrainStepTimer;
import java.io.PrintWriter;
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
 * {@code diffpilot bench train}: training throughput of the three backends side by side in one
 * run: java (io.diffpilot.policy.fast's backward pass), djl (DJL autograd) and PyTorch eager
 * ({@code /usr/bin/python3}). A step is forward, MSE, backward and an AdamW update on random
 * weights and data; rows give step time p50/p99 and samples/s, and for java the achieved GFLOP/s
 * against the FMA peak of the threads it used.
 *
 * <p>FLOPs: 2 per multiply-add of every convolution and linear layer, three products per layer
 * (forward, gradient to the input, gradient to the weights; the first layer's input gradient is
 * skipped by the backend but counted), normalisation and activations not counted. Peak: threads ×
 * clock (/proc/cpuinfo's "cpu MHz") × {@code --flops-per-cycle} (default: two FMA pipes × two
 * flops × the lanes of the Vector API's preferred species).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Training steps/s of java vs djl vs PyTorch eager (p50/p99, samples/s, GFLOP/s vs FMA peak).")
public final class BenchTrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin
  BenchNets nets = new BenchNets();

  @Option(names = "--batch", split = ",", defaultValue = "64,256", description = "batch sizes (default ${DEFAULT-VALUE})")
  List<Integer> batches;

  @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default ${DEFAULT-VALUE})")
  List<Integer> threads;

  @Option(names = "--backends", split = ",", defaultValue = "java,djl,torch",
      description = "java, djl, torch (default ${DEFAULT-VALUE})")
  List<String> backends;

  @Mixin
  BenchBudget budget = new BenchBudget(3, 20, 20);

  @Option(names = "--flops-per-cycle", description = "fp32 flops per cycle per core for the peak (default 4 × vector lanes)")
  Double flopsPerCycle;

  @Mixin
  TorchPython torchPython = new TorchPython();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    for (String b : backends) {
      if (!List.of("java", "djl", "torch").contains(b)) {
        spec.commandLine().getErr().println("bench train: unknown backend '" + b + "' (java, djl, torch)");
        return 2;
      }
    }
    for (String n : nets.names) {
      if (!n.equals("small") && !n.equals("default")) {
        spec.commandLine().getErr().println("bench train: unknown net '" + n + "' (small, default)");
        return 2;
      }
    }
    String kernels = TrainStepTimer.kernelName();
    int lanes = kernels.startsWith("vector-") ? Integer.parseInt(kernels.substring(7)) / 32 : 1;
    double perCycle = flopsPerCycle != null ? flopsPerCycle : 4.0 * lanes;
    double mhz = MachineInfo.cpuMHz();
    out.printf(Locale.ROOT, "cpu %s, %d cores, %.0f MHz; java kernels %s; peak per core %.1f GFLOP/s (%.0f flops/cycle)%n",
        MachineInfo.cpuModel(), Runtime.getRuntime().availableProcessors(), mhz, kernels, mhz * perCycle / 1e3, perCycle);
    out.printf("load average at start %s (figures from a loaded machine are not comparable)%n", MachineInfo.loadAverage());
    Optional<PythonEagerBench> py = Optional.empty();
    if (backends.contains("torch")) {
      py = torchPython.find(out, "PyTorch eager rows");
    }
    if (backends.contains("djl")) {
      Engines.pytorch();
    }
    out.printf("%-8s %6s %7s %-6s %5s %10s %10s %10s %9s %7s%n", "net", "batch", "threads", "backend", "n", "p50 ms",
        "p99 ms", "samples/s", "GFLOP/s", "% peak");
    for (String name : nets.names) {
      UnetConfig cfg = BenchNets.config(name, 2, 40);
      double flopsPerSample = TrainStepTimer.flopsPerSample(cfg, nets.horizon);
      for (int b : batches) {
        for (int t : threads) {
          double javaRate = Double.NaN;
          double djlRate = Double.NaN;
          double torchRate = Double.NaN;
          if (backends.contains("java")) {
            LatencySample s = TrainStepBench.java(cfg, nets.horizon, b, t, budget.warmup, budget.iterations, budget.budgetSeconds);
            javaRate = row(out, name, b, t, "java", s, flopsPerSample, t * mhz * perCycle / 1e3);
          }
          if (backends.contains("djl")) {
            JniUtils.setNumThreads(t);
            LatencySample s = TrainStepBench.djl(cfg, nets.horizon, b, budget.warmup, budget.iterations, budget.budgetSeconds);
            djlRate = row(out, name, b, t, "djl", s, Double.NaN, Double.NaN);
          }
          if (py.isPresent()) {
            LatencySample s = py.get().trainStep(cfg, nets.horizon, b, t, budget.warmup, budget.iterations, budget.budgetSeconds);
            torchRate = row(out, name, b, t, "torch", s, Double.NaN, Double.NaN);
          }
          if (!Double.isNaN(javaRate) && (!Double.isNaN(djlRate) || !Double.isNaN(torchRate))) {
            String djlRatio = Double.isNaN(djlRate) ? "" : String.format(Locale.ROOT, "java/djl %.2fx", javaRate / djlRate);
            String torchRatio = Double.isNaN(torchRate) ? "" : String.format(Locale.ROOT, "java/torch %.2fx", javaRate / torchRate);
            out.printf(Locale.ROOT, "%-8s %6d %7d %s (samples/s)%n", name, b, t,
                String.join(", ", java.util.stream.Stream.of(djlRatio, torchRatio).filter(r -> !r.isEmpty()).toList()));
          }
          out.flush();
        }
      }
    }
    out.printf("load average at end %s%n", MachineInfo.loadAverage());
    return 0;
  }

  private static double row(PrintWriter out, String net, int batch, int threads, String backend, LatencySample s,
      double flopsPerSample, double peakGflops) {
    double rate = batch * 1000 / s.p50Millis();
    double gflops = flopsPerSample * batch / s.p50Millis() / 1e6;
    out.printf(Locale.ROOT, "%-8s %6d %7d %-6s %5d %10.1f %10.1f %10.0f %9s %7s%n", net, batch, threads, backend, s.n(),
        s.p50Millis(), s.p99Millis(), rate, Double.isNaN(gflops) ? "-" : String.format(Locale.ROOT, "%.1f", gflops),
        Double.isNaN(gflops) ? "-" : String.format(Locale.ROOT, "%.0f", 100 * gflops / peakGflops));
    out.flush();
    return rate;
  }
}
