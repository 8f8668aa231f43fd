package io.diffpilot.demos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.record.EpisodeRecorder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diffpilot demos record --source stdin --out DIR --obs state:5 --action-dim 2 --fps 10}:
 * records JSON lines into a LeRobot v3.0 dataset, one atomic commit per saved episode.
 *
 * <pre>
 * {"type":"start","task":"pusht"}
 * {"type":"obs","name":"state","stamp_ns":100000000,"value":[1.0,2.0,3.0,4.0,5.0]}
 * {"type":"action","stamp_ns":100000000,"value":[10.0,20.0]}
 * {"type":"end","outcome":"save"}        (or "discard")
 * </pre>
 * A malformed line is reported on stderr with its line number and skipped. At the end of input an
 * unfinished episode is discarded (and said so): only an explicit end saves.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Record episodes from a stream of JSON lines into a LeRobot v3.0 dataset (crash-safe).")
final class RecordJsonLinesCommand extends DatasetCommand {
  @Option(names = "--source", defaultValue = "stdin", description = "stdin (live MQTT and ROS: diffpilot record --source mqtt|ros)")
  String source;

  @Mixin
  RecordingOptions recording = new RecordingOptions();

  @Option(names = "--obs", required = true, description = "observation NAME:DIM, repeatable (e.g. state:5)")
  List<String> obs;

  @Override
  Integer execute() throws Exception {
    if (!source.equals("stdin")) {
      throw usageError("--source: only 'stdin' here; to record"
          + " a live robot use 'diffpilot record --source mqtt|ros' (same EpisodeRecorder)");
    }
    Map<String, Feature> features = new LinkedHashMap<>();
    for (String o : obs) {
      String[] p = o.split(":");
      if (p.length != 2) {
        throw usageError("--obs wants NAME:DIM, got " + o);
      }
      features.put(p[0], Feature.observation(p[0], Integer.parseInt(p[1]), List.of()));
    }
    EpisodeRecorder recorder = recording.open(recording.schema(features));
    Path out = recording.out();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    stdout.println("recording into " + out + " (" + recorder.savedEpisodes() + " episodes already there)");
    stdout.flush();
    ObjectMapper json = new ObjectMapper();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = json.readTree(line);
        switch (n.path("type").asText("")) {
          case "start" -> {
            recorder.startEpisode(n.path("task").asText("demo"));
            stdout.println("started episode " + recorder.savedEpisodes());
          }
          case "obs" -> warn(stderr, lineNo, recorder.onObservation(n.path("name").asText(), stamp(n), vector(n)));
          case "action" -> warn(stderr, lineNo, recorder.onAction(stamp(n), vector(n)));
          case "end" -> {
            boolean save = !n.path("outcome").asText("save").equals("discard");
            int steps = recorder.steps();
            long t0 = System.nanoTime();
            Optional<Episode> e = recorder.endEpisode(save ? EpisodeRecorder.Outcome.SAVE : EpisodeRecorder.Outcome.DISCARD);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            stdout.println(e.map(ep -> "saved episode " + ep.index() + " (" + ep.length() + " steps, committed in " + ms + " ms)")
                .orElse("discarded episode (" + steps + " steps)"));
          }
          default -> stderr.println("warning: line " + lineNo + ": unknown type '" + n.path("type").asText() + "'");
        }
      } catch (IllegalStateException | IllegalArgumentException | java.io.IOException e) {
        stderr.println("warning: line " + lineNo + ": " + e.getMessage());
      }
      stdout.flush();
      stderr.flush();
    }
    if (recorder.recording()) {
      int steps = recorder.steps();
      recorder.endEpisode(EpisodeRecorder.Outcome.DISCARD);
      stdout.println("end of input inside an episode: discarded it (" + steps + " steps); send {\"type\":\"end\"} to save");
    }
    recorder.close();
    stdout.println("done: " + recorder.savedEpisodes() + " episodes in " + out + "; rejected " + recorder.rejectedCounts());
    stdout.flush();
    return 0;
  }

  private static void warn(PrintWriter err, int line, EpisodeRecorder.Rejection r) {
    if (r != null) {
      err.println("warning: line " + line + ": rejected (" + r + ")");
    }
  }

  private static long stamp(JsonNode n) {
    JsonNode s = n.path("stamp_ns");
    if (!s.canConvertToLong()) {
      throw new IllegalArgumentException("stamp_ns missing or not an integer");
    }
    return s.asLong();
  }

  private static float[] vector(JsonNode n) {
    JsonNode v = n.path("value");
    if (!v.isArray()) {
      throw new IllegalArgumentException("value missing or not an array");
    }
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw new IllegalArgumentException("value[" + i + "] is not a number");
      }
      out[i] = v.get(i).floatValue();
    }
    return out;
  }
}
