package io.diffpilot.tools.cli;

import io.diffpilot.runtime.cli.RosCommand;
import io.diffpilot.tools.bench.ros.RosLoopBench;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code diffpilot bench ros}: observation → chunk round trips over TCPROS on loopback through
 * the control loop, against the master at ROS_MASTER_URI. Reports percentiles of the round trip
 * minus the fake policy's time (the runtime's own overhead; target p99 ≤ 1 ms).
 */
@Command(name = "ros", mixinStandardHelpOptions = true,
    description = "Observation → chunk latency over TCPROS (needs roscore; ROS_MASTER_URI or __master:=).")
public final class RosBenchCommand implements Callable<Integer> {

  @Option(names = "--rounds", defaultValue = "2000", description = "measured round trips (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--warmup", defaultValue = "500", description = "unmeasured round trips first (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--step-us", defaultValue = "250", description = "fake policy cost per denoising step (4 steps), µs (default ${DEFAULT-VALUE})")
  long stepMicros;

  @Option(names = "--obs-dim", defaultValue = "20", description = "observation width (default ${DEFAULT-VALUE})")
  int obsDim;

  @Option(names = "--action-steps", defaultValue = "8", description = "Ta (default ${DEFAULT-VALUE})")
  int actionSteps;

  @Parameters(description = "ROS arguments (__master:=, __ip:=)")
  List<String> rosArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return RosCommand.run("bench ros", System.err::println, "diffpilot_bench", rosArgs, base -> {
      RosLoopBench.Result r = RosLoopBench.run(base, new RosLoopBench.Settings(rounds, warmup, stepMicros, obsDim, actionSteps));
      print(r);
      return 0;
    });
  }

  private void print(RosLoopBench.Result r) {
    System.out.printf(Locale.ROOT, "bench ros: %d rounds (+%d warm-up): %d round trips answered, %d lost (no chunk within 1 s);"
        + " fake policy %d µs × 4 steps, obs [%d], chunk [%d][2]%n",
        rounds, warmup, r.roundTripMicros().length, r.lost(), stepMicros, obsDim, actionSteps);
    System.out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s%n", "µs", "p50", "p90", "p99", "max");
    System.out.printf(Locale.ROOT, "%-28s %9.1f %9.1f %9.1f %9.1f%n", "round trip",
        r.roundTripPercentile(50), r.roundTripPercentile(90), r.roundTripPercentile(99), r.roundTripPercentile(100));
    System.out.printf(Locale.ROOT, "%-28s %9.1f %9.1f %9.1f %9.1f%n", "round trip minus inference",
        r.overheadPercentile(50), r.overheadPercentile(90), r.overheadPercentile(99), r.overheadPercentile(100));
    System.out.printf(Locale.ROOT, "target p99 minus inference <= 1000 µs: %s%n",
        r.overheadPercentile(99) <= 1000 ? "met" : "NOT met");
  }
}
