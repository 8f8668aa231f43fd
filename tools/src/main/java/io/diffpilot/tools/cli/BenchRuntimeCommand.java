package io.diffpilot.tools.cli;

import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.LocalMosquitto;
import io.diffpilot.tools.bench.runtime.RuntimeBench;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot bench runtime}: observation → chunk cycles on loopback over the embedded broker
 * and over mosquitto, with a fake policy of fixed cost; prints latency percentiles with and without
 * inference, deadline misses at a budget of 2× the inference p99, and GC activity.
 */
@Command(name = "runtime", mixinStandardHelpOptions = true,
    description = "Observation -> chunk latency over MQTT on loopback (embedded HiveMQ CE and mosquitto, MQTT 5).")
public final class BenchRuntimeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--cycles", defaultValue = "10000", description = "measured cycles per broker (default ${DEFAULT-VALUE})")
  int cycles;

  @Option(names = "--warmup", defaultValue = "1000",
      description = "unmeasured cycles first, at least (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--max-warmup", defaultValue = "30000",
      description = "warm-up goes on until the JIT is quiet (3 blocks of 1000 cycles with <= 20 ms of compiling"
          + " each), at most this many cycles; equal to --warmup for a fixed warm-up (default ${DEFAULT-VALUE})")
  int maxWarmup;

  @Option(names = "--steps", defaultValue = "8", description = "denoising steps per chunk (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--step-cost-us", defaultValue = "250",
      description = "busy time of one fake denoising step, µs (default ${DEFAULT-VALUE})")
  double stepCostMicros;

  @Option(names = "--broker", defaultValue = "both", description = "embedded, mosquitto or both (default ${DEFAULT-VALUE})")
  String which;

  @Option(names = "--threads",
      description = "also print allocation, CPU and context switches per cycle of each thread group")
  boolean threads;

  @Option(names = "--mosquitto-url", description = "use this mosquitto instead of starting one (tcp://host:port)")
  String mosquittoUrl;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!which.equals("embedded") && !which.equals("mosquitto") && !which.equals("both")) {
      spec.commandLine().getErr().println("diffpilot bench runtime: --broker must be embedded, mosquitto or both");
      return 2;
    }
    RuntimeBench bench = new RuntimeBench(new RuntimeBench.Settings(cycles, warmup, Math.max(warmup, maxWarmup), steps,
        Math.round(stepCostMicros * 1000), 5, 2, 8));
    out.printf("runtime bench: %d cycles (after %d-%d warm-up), fake policy %d steps x %.0f µs, "
        + "obs [2 x 5] -> chunk [8 x 2], QoS 0 observations / QoS 1 chunks, %d CPUs%n", cycles, warmup,
        Math.max(warmup, maxWarmup), steps, stepCostMicros, Runtime.getRuntime().availableProcessors());
    out.flush();
    if (!which.equals("mosquitto")) {
      try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
        print(out, bench.run("embedded", BrokerConfig.plain(broker.url())));
      }
    }
    if (!which.equals("embedded")) {
      if (mosquittoUrl != null) {
        print(out, bench.run("mosquitto", BrokerConfig.plain(mosquittoUrl)));
      } else if (!LocalMosquitto.available()) {
        out.println("mosquitto   skipped: /usr/sbin/mosquitto not installed (or pass --mosquitto-url)");
      } else {
        try (LocalMosquitto m = LocalMosquitto.start()) {
          print(out, bench.run("mosquitto", BrokerConfig.plain(m.url()), m.pid()));
        }
      }
    }
    return 0;
  }

  private void print(PrintWriter out, RuntimeBench.Result r) {
    out.println(r.describe());
    out.println(r.describeLegs());
    out.println(r.describeCost());
    if (threads) {
      out.println(r.describeThreads());
    }
    out.flush();
  }
}
