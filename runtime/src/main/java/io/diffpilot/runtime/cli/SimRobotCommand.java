package io.diffpilot.runtime.cli;

import io.diffpilot.core.Clock;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.MqttRobotClient;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.simrobot.ChunkExecutor;
import io.diffpilot.runtime.simrobot.PushTRobot;
import io.diffpilot.sim.cli.TaskOption;
import io.diffpilot.sim.pusht.ObservationKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot sim-robot --task pusht --broker URL}: Push-T as an MQTT robot. Publishes
 * observations at 10 Hz, executes received chunks by their time stamps, reports coverage and
 * success per episode. {@code --transport ros} runs the same robot as a ROS 1 node instead
 * ({@link RosSimRobotCommand}, also reachable as {@code ros-sim-robot}).
 */
@Command(name = "sim-robot", mixinStandardHelpOptions = true,
    description = "Run a simulated robot (Push-T) that talks to a DiffPilot controller over MQTT (default) or ROS 1.")
public final class SimRobotCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TaskOption task = new TaskOption();

  @Option(names = "--transport", defaultValue = "mqtt", description = "mqtt or ros (default ${DEFAULT-VALUE})")
  String transport;

  @Mixin
  BrokerOptions brokerOptions = new BrokerOptions();

  @Option(names = "--robot-id", defaultValue = "pusht1", description = "robot id / topic segment (default ${DEFAULT-VALUE})")
  String robotId;

  @Option(names = "--episodes", defaultValue = "3", description = "episodes to run (default ${DEFAULT-VALUE})")
  int episodes;

  @Mixin
  PushTEpisodes run = new PushTEpisodes(300);

  @Option(names = "--observation", defaultValue = "state", description = "state (5 values) or keypoints (20)")
  String observation;

  @Parameters(description = "ros: ROS arguments (__name:=, __ns:=, __master:=, from:=to)")
  List<String> rosArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!task.isPushT()) {
      err.println("diffpilot sim-robot: unknown task '" + task.name() + "' (pusht)");
      return 2;
    }
    String kindOfTransport = transport.strip().toLowerCase(java.util.Locale.ROOT);
    if (kindOfTransport.equals("ros")) {
      return runRos(err);
    }
    if (!kindOfTransport.equals("mqtt")) {
      err.println("diffpilot sim-robot: --transport must be mqtt or ros, got '" + transport + "'");
      return 2;
    }
    BrokerConfig broker;
    ObservationKind kind;
    try {
      brokerOptions.checkForMqtt("--transport", rosArgs);
      kind = ObservationKind.parse(observation);
      broker = brokerOptions.toBrokerConfig();
      run.check(episodes);
    } catch (IllegalArgumentException e) {
      err.println("diffpilot sim-robot: " + e.getMessage());
      return 2;
    }
    ChunkExecutor executor = new ChunkExecutor();
    Clock clock = Clock.system();
    try (MqttRobotClient client = new MqttRobotClient(broker, Topics.of(robotId), executor::accept, null)) {
      PushTRobot robot = new PushTRobot(clock, executor, client::publishObservation, kind, run.maxSteps);
      int successes = 0;
      double sum = 0;
      for (int e = 0; e < episodes; e++) {
        PushTRobot.EpisodeResult r = robot.runEpisode(run.seed(e), false);
        successes += r.success() ? 1 : 0;
        sum += r.maxCoverage();
        out.printf("episode %d (seed %d): %d steps, max coverage %.3f, final %.3f, %s%n", e, r.seed(), r.steps(),
            r.maxCoverage(), r.finalCoverage(), r.success() ? "SUCCESS" : "no success");
        out.flush();
      }
      out.printf("%d episodes: mean max coverage %.3f, success %d/%d; chunks received %d, malformed %d%n", episodes,
          sum / episodes, successes, episodes, executor.receivedCount(), client.malformedCount());
      return 0;
    } catch (java.io.IOException e) {
      err.println("diffpilot sim-robot: " + e.getMessage());
      return 1;
    }
  }

  /** The ROS node runs one episode per seed (the robot of sim_pusht.launch); MQTT options do not apply. */
  private int runRos(PrintWriter err) throws Exception {
    if (brokerOptions.url != null || brokerOptions.username != null || brokerOptions.caFile != null) {
      err.println("diffpilot sim-robot: --broker/--username/--ca-file are MQTT options, not for --transport ros");
      return 2;
    }
    try {
      run.check(episodes);
    } catch (IllegalArgumentException e) {
      err.println("diffpilot sim-robot: " + e.getMessage());
      return 2;
    }
    for (int e = 0; e < episodes; e++) {
      RosSimRobotCommand ros = new RosSimRobotCommand();
      ros.seed = run.seed(e);
      ros.maxSteps = run.maxSteps;
      ros.observation = observation;
      ros.rosArgs = new ArrayList<>(rosArgs);
      int code = ros.call();
      if (code != 0) {
        return code;
      }
    }
    return 0;
  }
}
