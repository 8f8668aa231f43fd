package io.diffpilot.demos.lerobot;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.lerobot.LeRobotWriter.Compression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbering of one write, fixed before any file is written: episodes 0..N−1 in dataset
 * order, tasks in order of first appearance, each episode's first global frame index, and the
 * data file each episode's frames go to. Every episode is checked against the schema here.
 */
final class WritePlan {
  final DemoDataset ds;
  final String version;
  final DatasetSchema schema;
  final List<Feature> features;
  final Map<String, Integer> tasks = new LinkedHashMap<>();
  final int[] taskOf;
  /** from[i] is episode i's first global frame index; from[N] the total frame count. */
  final long[] from;
  final long[] fileIndex;
  final Compression compression;

  /**
   * @param fileIndex data file of each episode (chunk = fileIndex / chunks_size); null: all in file 0
   */
  WritePlan(DemoDataset ds, String version, long[] fileIndex, Compression compression) {
    this.compression = compression;
    this.ds = ds;
    this.version = version;
    this.schema = ds.schema();
    this.features = schema.features();
    this.taskOf = new int[ds.size()];
    this.from = new long[ds.size() + 1];
    this.fileIndex = fileIndex == null ? new long[ds.size()] : fileIndex.clone();
    if (this.fileIndex.length != ds.size()) {
      throw new IllegalArgumentException(this.fileIndex.length + " file indices for " + ds.size() + " episodes");
    }
    for (int i = 0; i < ds.size(); i++) {
      Episode e = ds.episode(i);
      schema.check(e, ds.describe());
      taskOf[i] = tasks.computeIfAbsent(e.task(), k -> tasks.size());
      from[i + 1] = from[i] + e.length();
    }
  }

  boolean isV30() {
    return version.equals(LeRobotLayout.V30);
  }

  /** The episode's vectors in feature order: each observation, then the actions. */
  List<float[][]> columns(Episode e) {
    List<float[][]> cols = new ArrayList<>();
    for (Feature f : features) {
      cols.add(f.isObservation() ? e.observation(f.observationName()) : e.actions());
    }
    return cols;
  }
}
