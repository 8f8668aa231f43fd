package io.diffpilot.runtime.cli;

import io.diffpilot.core.Observation;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.cli.RecordingOptions;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.record.EpisodeRecorder;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.MqttStreamTap;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.record.LiveRecorder;
import io.diffpilot.runtime.record.RosRecordSource;
import io.diffpilot.runtime.ros.control.ObservationType;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot record --source mqtt|ros}: records a live robot's observations and commanded
 * actions into a LeRobot v3.0 dataset, one atomic commit per saved episode
 * ({@link EpisodeRecorder}; {@code diffpilot demos record --source stdin} is the JSON-lines
 * variant). Episodes start and end by text commands ({@code start [task]}, {@code save},
 * {@code discard}, {@code quit}) on stdin and on {@code diffpilot/<robot>/record} (MQTT) or the
 * {@code std_msgs/String} marker topic (ROS).
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Record a live robot (MQTT or ROS 1) into a LeRobot v3.0 dataset, crash-safe.",
        "Commands (stdin lines, MQTT diffpilot/<robot>/record, ROS marker topic): start [task] | save | discard | quit"})
public final class RecordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--source", required = true, description = "mqtt or ros")
  String source;

  @Mixin
  RecordingOptions recording = new RecordingOptions();

  @Option(names = "--obs-dim", required = true, description = "observation width")
  int obsDim;

  @Option(names = "--obs-name", defaultValue = "state", description = "observation feature: observation.NAME (default ${DEFAULT-VALUE})")
  String obsName;

  @Option(names = "--task", defaultValue = "demo", description = "task of episodes started without one (default ${DEFAULT-VALUE})")
  String task;

  @Option(names = "--episodes", defaultValue = "0", description = "exit after this many saved episodes (0: until quit or a signal)")
  int episodes;

  @Option(names = "--start", description = "start the first episode at once (with --task) instead of waiting for 'start'")
  boolean startAtOnce;

  @Option(names = "--stdin-commands", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "read commands from stdin lines (default ${DEFAULT-VALUE})")
  boolean stdinCommands;

  // MQTT
  @Mixin
  BrokerOptions brokerOptions = new BrokerOptions();

  @Option(names = {"--robot", "--robot-id"}, defaultValue = "robot1", description = "mqtt: robot id / topic segment (default ${DEFAULT-VALUE})")
  String robotId;

  // ROS
  @Option(names = "--obs-topic", defaultValue = "observation", description = "ros: observation topic (default ${DEFAULT-VALUE})")
  String obsTopic;

  @Option(names = "--obs-type", defaultValue = "float32", description = "ros: float32 (Float32MultiArray) or joint_state (JointState)")
  String obsType;

  @Option(names = "--joint-names", split = ",", description = "ros: JointState joint order (default: the message's order)")
  List<String> jointNames = new ArrayList<>();

  @Option(names = "--action-topic", defaultValue = "action_chunk", description = "ros: commanded-action topic (default ${DEFAULT-VALUE})")
  String actionTopic;

  @Option(names = "--action-type", defaultValue = "chunk",
      description = "ros: float32 (one action per message), joint_trajectory (first point) or chunk (JointTrajectory"
          + " chunks, action scheduled at each observation) (default ${DEFAULT-VALUE})")
  String actionType;

  @Option(names = "--marker-topic", defaultValue = "record", description = "ros: std_msgs/String command topic (default ${DEFAULT-VALUE})")
  String markerTopic;

  @Parameters(description = "ros: ROS arguments (__name:=, __ns:=, from:=to)")
  List<String> rosArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter outW = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String kind = source.strip().toLowerCase(Locale.ROOT);
    DatasetSchema schema;
    try {
      if (!kind.equals("mqtt") && !kind.equals("ros")) {
        throw new IllegalArgumentException("--source must be mqtt or ros (stdin: diffpilot demos record), got '" + source + "'");
      }
      if (kind.equals("mqtt")) {
        brokerOptions.checkForMqtt("--source", rosArgs);
      }
      if (episodes < 0 || recording.fps() <= 0) {
        throw new IllegalArgumentException("--episodes must be >= 0 and --fps > 0");
      }
      schema = recording.schema(Map.of(obsName, Feature.observation(obsName, obsDim, List.of())));
    } catch (IllegalArgumentException e) {
      err.println("diffpilot record: " + e.getMessage());
      return 2;
    }
    Path out = recording.out();
    EpisodeRecorder episodeRecorder;
    try {
      episodeRecorder = recording.open(schema);
    } catch (RuntimeException e) {
      err.println("diffpilot record: cannot open dataset " + out + ": " + e.getMessage());
      return 1;
    }
    LiveRecorder recorder = new LiveRecorder(episodeRecorder, obsName, task, outW);
    AtomicBoolean closed = new AtomicBoolean();
    Runnable finish = () -> {
      if (closed.compareAndSet(false, true)) {
        recorder.close();
        outW.println("done: " + recorder.summary() + " in " + out);
        outW.flush();
      }
    };
    // SIGINT/SIGTERM: the episode in progress is discarded, pending commits finish (kill -9 loses it too).
    Thread hook = new Thread(finish, "record-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return kind.equals("mqtt") ? recordMqtt(recorder, outW, err) : recordRos(recorder, outW, err);
    } finally {
      finish.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // shutting down: the hook has run finish already
      }
    }
  }

  private Integer recordMqtt(LiveRecorder recorder, PrintWriter outW, PrintWriter err) throws InterruptedException {
    BrokerConfig broker;
    Topics topics;
    try {
      broker = brokerOptions.toBrokerConfig();
      topics = Topics.of(robotId);
    } catch (IllegalArgumentException e) {
      err.println("diffpilot record: " + e.getMessage());
      return 2;
    }
    MqttStreamTap.Listener listener = new MqttStreamTap.Listener() {
      @Override
      public void onObservation(Observation o) {
        recorder.observation(o.sequence(), o.captureNanos(), o.state());
      }

      @Override
      public void onChunk(OutgoingChunk c) {
        recorder.chunk(c);
      }

      @Override
      public void onCommand(String text) {
        recorder.command(text);
      }

      @Override
      public void onMalformed(String topic, String why) {
        recorder.malformed(topic, why);
      }
    };
    try (MqttStreamTap tap = new MqttStreamTap(broker, topics, listener)) {
      outW.println("recording " + topics.observation() + " + " + topics.actionChunk() + " (action scheduled at each"
          + " observation) into " + recording.out() + "; commands on stdin and " + topics.record());
      outW.flush();
      return runUntilDone(recorder, () -> false);
    } catch (IOException e) {
      err.println("diffpilot record: " + e.getMessage());
      return 1;
    }
  }

  private Integer recordRos(LiveRecorder recorder, PrintWriter outW, PrintWriter err) throws Exception {
    return RosCommand.run("diffpilot record", err::println, "diffpilot_recorder", rosArgs,
        node -> new RosRecordSource.Topics(obsTopic, ObservationType.parse(obsType), jointNames, actionTopic,
            RosRecordSource.ActionType.parse(actionType), markerTopic),
        (config, topics) -> {
          try (RosNode node = RosNode.start(config)) {
            RosRecordSource.attach(node, topics, recorder);
            outW.println("recording " + node.resolve(topics.observationTopic()) + " (" + topics.observationType() + ") + "
                + node.resolve(topics.actionTopic()) + " (" + topics.actionType() + ") into " + recording.out()
                + "; commands on stdin and " + node.resolve(topics.markerTopic()));
            outW.flush();
            return runUntilDone(recorder, node::isShutdown);
          }
        });
  }

  private int runUntilDone(LiveRecorder recorder, java.util.function.BooleanSupplier stopped) throws InterruptedException {
    if (stdinCommands) {
      Thread reader = new Thread(() -> readCommands(recorder), "record-stdin");
      reader.setDaemon(true);
      reader.start();
    }
    int before = recorder.savedEpisodes();
    if (startAtOnce) {
      recorder.command("start " + task);
    }
    while (!recorder.awaitQuit(100)) {
      if (stopped.getAsBoolean() || (episodes > 0 && recorder.savedEpisodes() - before >= episodes)) {
        break;
      }
    }
    return 0;
  }

  private static void readCommands(LiveRecorder recorder) {
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          recorder.command(line);
        }
      }
    } catch (IOException e) {
      // stdin closed or unreadable (a launched node): commands come from the topic only
    }
  }
}
