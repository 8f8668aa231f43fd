package io.diffpilot.demos.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code demos validate} checks beyond reading: the episode count and the stored statistics. */
final class MetadataCheck {

  private MetadataCheck() {}

  /**
   * The metadata that reading does not need, checked against the frames read: info.json's
   * total_episodes, and for every imported feature a stats entry (meta/stats.json for v3.0, each
   * line of meta/episodes_stats.jsonl for v2.1) of the right width whose count matches.
   *
   * @return problems found, each naming the file and the place; empty when consistent
   */
  static List<String> problems(LeRobotDataset ds) {
    Path root = ds.root();
    String version = ds.version();
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < ds.size(); i++) {
      episodes.add(ds.episode(i));
    }
    List<String> problems = new ArrayList<>();
    Path infoFile = root.resolve(LeRobotLayout.INFO);
    JsonNode info = MetaFiles.readJson(infoFile);
    long declared = info.path("total_episodes").asLong(-1);
    if (declared >= 0 && declared != episodes.size()) {
      problems.add(infoFile + " (total_episodes): " + declared + " declared, " + episodes.size() + " episodes found");
    }
    if (version.equals(LeRobotLayout.V30)) {
      Path statsFile = root.resolve(LeRobotLayout.STATS);
      if (!Files.isRegularFile(statsFile)) {
        problems.add(statsFile + ": missing");
      } else {
        checkStats(ds.schema(), MetaFiles.readJson(statsFile), statsFile.toString(), ds.totalFrames(), problems);
      }
    } else if (version.equals(LeRobotLayout.V21)) {
      Path statsFile = root.resolve(LeRobotLayout.EPISODES_STATS_JSONL);
      if (!Files.isRegularFile(statsFile)) {
        problems.add(statsFile + ": missing");
      } else {
        Map<Integer, Integer> lengths = new LinkedHashMap<>();
        episodes.forEach(e -> lengths.put(e.index(), e.length()));
        for (JsonNode line : MetaFiles.jsonLines(statsFile)) {
          int ep = line.path("episode_index").asInt(-1);
          Integer length = lengths.get(ep);
          if (length == null) {
            problems.add(statsFile + " (episode " + ep + "): stats for an episode that is not in the dataset");
          } else {
            checkStats(ds.schema(), line.path("stats"), statsFile + " (episode " + ep + ")", length, problems);
          }
        }
      }
    }
    return problems;
  }

  private static void checkStats(DatasetSchema schema, JsonNode stats, String where, long frames,
      List<String> problems) {
    for (Feature f : schema.features()) {
      JsonNode s = stats.path(f.key());
      if (s.isMissingNode()) {
        problems.add(where + " (" + f.key() + "): no statistics");
        continue;
      }
      for (String k : List.of("min", "max", "mean", "std")) {
        if (s.path(k).size() != f.dim()) {
          problems.add(where + " (" + f.key() + "." + k + "): width " + s.path(k).size() + ", the feature has " + f.dim());
        }
      }
      long count = s.path("count").path(0).asLong(-1);
      if (count >= 0 && count != frames) {
        problems.add(where + " (" + f.key() + ".count): " + count + ", the data has " + frames + " frames");
      }
    }
  }
}
