package io.diffpilot.runtime.cli;

import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.runtime.ros.sim.RosPushTRobot;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.SolverSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code diffpilot ros-sim-robot}: one Push-T episode as a ROS node, at 10 Hz real time, driven by
 * whatever publishes {@code action_chunk} (the DiffPilot node in {@code sim_pusht.launch}).
 */
@Command(name = "ros-sim-robot", mixinStandardHelpOptions = true,
    description = "The simulated Push-T robot as a ROS 1 node (observation out, action_chunk in, sim_status out).")
public final class RosSimRobotCommand implements Callable<Integer> {

  @Option(names = "--seed", defaultValue = "0", description = "episode seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--max-steps", defaultValue = "300", description = "episode length in steps (default ${DEFAULT-VALUE})")
  int maxSteps;

  @Option(names = "--observation", defaultValue = "keypoints", description = "keypoints [20] or state [5]")
  String observation;

  @Parameters(description = "ROS arguments: __name:=, __ns:=, from:=to")
  List<String> rosArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return RosCommand.run("ros-sim-robot", System.err::println, "pusht_sim", rosArgs,
        node -> new PushTEnv(ObservationKind.parse(observation), maxSteps, SolverSettings.tuned()),
        (config, env) -> {
          try (RosNode node = RosNode.start(config)) {
            RosPushTRobot.Outcome o = new RosPushTRobot(node, env).runEpisode(seed);
            System.out.printf(Locale.ROOT, "Push-T seed %d: %d steps, coverage %.3f (max %.3f), %d chunks received,"
                + " success %s%n", seed, o.steps(), o.coverage(), o.maxCoverage(), o.chunksReceived(), o.success());
          }
          return 0;
        });
  }
}
