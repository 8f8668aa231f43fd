package io.diffpilot.sim.cli;

import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.PushTState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code diffpilot sim pusht reset --seeds 100000-100049}: the first state of each seed, as CSV. */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = "Print seed,agent_x,agent_y,block_x,block_y,block_angle after reset(seed) (angle in [0, 2pi)).")
public final class PushTResetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seeds", required = true, description = "Seeds, e.g. 100000-100049 or 0,5,7-9.")
  String seeds;

  @Override
  public Integer call() {
    List<Long> list;
    try {
      list = IndexRanges.parse(seeds);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("--seeds: " + e.getMessage());
      return 2;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("seed,agent_x,agent_y,block_x,block_y,block_angle");
    PushTEnv env = new PushTEnv();
    for (long seed : list) {
      if (seed < 0 || seed > 0xFFFFFFFFL) {
        spec.commandLine().getErr().println("--seeds: seed " + seed + " outside [0, 2^32 - 1]");
        return 2;
      }
      PushTState s = env.reset(seed);
      out.println(seed + "," + s.agentX() + "," + s.agentY() + "," + s.blockX() + "," + s.blockY() + "," + s.wrappedAngle());
    }
    out.flush();
    return 0;
  }
}
