package io.diffpilot.sim.cli;

import io.diffpilot.sim.pusht.DemoReplay;
import io.diffpilot.sim.pusht.PushTDemonstrations;
import io.diffpilot.sim.pusht.SolverSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot sim pusht replay --demos data/pusht [--episodes 0-9]}: replays the
 * recorded actions open-loop from each recorded first frame and reports the block's drift from
 * the recording, the final coverage gap, and the demonstrations' own score.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay human demonstrations open-loop and report fidelity (block pose error) and their score.")
public final class PushTReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--demos", required = true, description = "The Push-T demonstrations: the repository's data/pusht (LeRobot v3.0) or a folder with pusht_cchi_v7_replay.csv.")
  Path demos;

  @Option(names = "--episodes", description = "Episodes to replay, e.g. 0-9 (default: all).")
  String episodes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<PushTDemonstrations.Demo> all;
    try {
      all = PushTDemonstrations.read(demos);
    } catch (IOException e) {
      err.println(e.getMessage());
      return 2;
    }
    List<PushTDemonstrations.Demo> chosen = all;
    if (episodes != null) {
      Set<Long> want;
      try {
        want = new HashSet<>(IndexRanges.parse(episodes));
      } catch (IllegalArgumentException e) {
        err.println("--episodes: " + e.getMessage());
        return 2;
      }
      chosen = all.stream().filter(d -> want.contains((long) d.index())).toList();
      if (chosen.isEmpty()) {
        err.println("--episodes " + episodes + ": none of these episodes is in " + demos);
        return 2;
      }
    }
    SolverSettings solver = SolverSettings.tuned();
    out.println("solver: " + solver);
    out.print(new DemoReplay(solver).replayAll(chosen).format());
    out.flush();
    return 0;
  }
}
