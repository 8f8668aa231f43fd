package io.diffpilot.demos.lerobot;

import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.ErrorText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a {@link DemoDataset} in LeRobot's layout, v3.0 (all episodes in one data file) or
 * v2.1 (one file per episode). Everything is written into a sibling temporary directory that is
 * renamed onto {@code out} at the end, so {@code out} is either absent or complete.
 *
 * <p>Episodes are renumbered 0..N−1 in dataset order (LeRobot needs contiguous indices); tasks
 * get indices in order of first appearance. Vectors are stored as float32 lists, timestamps as
 * float32, as LeRobot stores them.
 */
public final class LeRobotWriter {

  private LeRobotWriter() {}

  /** Writes LeRobot v3.0. */
  public static void writeV30(DemoDataset dataset, Path out) {
    write(dataset, out, LeRobotLayout.V30);
  }

  /** Writes LeRobot v2.1. */
  public static void writeV21(DemoDataset dataset, Path out) {
    write(dataset, out, LeRobotLayout.V21);
  }

  /**
   * Parquet compression: SNAPPY is what LeRobot (pyarrow's default) writes; ZSTD makes the
   * repository's Push-T copy a third smaller, and pyarrow, and so LeRobot, read it alike.
   */
  public enum Compression { SNAPPY, ZSTD }

  /**
   * Writes {@code dataset} to {@code out} (which must not exist or be an empty directory), SNAPPY
   * compressed as LeRobot writes it.
   *
   * @param version {@link LeRobotLayout#V30} or {@link LeRobotLayout#V21}
   */
  public static void write(DemoDataset dataset, Path out, String version) {
    write(dataset, out, version, Compression.SNAPPY);
  }

  /** As {@link #write(DemoDataset, Path, String)}, with the given Parquet compression. */
  public static void write(DemoDataset dataset, Path out, String version, Compression compression) {
    if (!version.equals(LeRobotLayout.V30) && !version.equals(LeRobotLayout.V21)) {
      throw new IllegalArgumentException("can write v3.0 or v2.1, not " + version);
    }
    if (dataset.size() == 0) {
      throw new IllegalArgumentException("dataset " + dataset.describe() + " has no episodes");
    }
    try {
      if (Files.exists(out)) {
        try (Stream<Path> s = Files.list(out)) {
          if (s.findAny().isPresent()) {
            throw new IllegalArgumentException(out + " exists and is not empty");
          }
        }
        Files.delete(out);
      }
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
      try {
        run(new WritePlan(dataset, version, null, compression), tmp);
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + ErrorText.of(e), e);
    } catch (SQLException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + ErrorText.of(e), new IOException(e));
    }
  }

  /**
   * Writes the frames of episode {@code episode} (position in {@code ds}) as one v3.0 data file;
   * the recorder appends an episode this way before it commits new metadata.
   */
  static void writeEpisodeDataV3(DemoDataset ds, int episode, Path file) throws IOException, SQLException {
    FrameFiles files = new FrameFiles(new WritePlan(ds, LeRobotLayout.V30, null, Compression.SNAPPY));
    try (Connection c = Duck.open()) {
      files.loadFrames(c, episode, episode + 1);
      files.writeData(c, List.of(episode), file);
    }
  }

  /**
   * Writes a complete v3.0 {@code meta/} folder (info.json, stats.json, tasks.parquet,
   * episodes/chunk-000/file-000.parquet) into {@code metaDir}, episode i's frames being in
   * data file {@code fileIndex[i]} (chunk = fileIndex / chunks_size).
   */
  static void writeMetaV3(DemoDataset ds, long[] fileIndex, Path metaDir) throws IOException, SQLException {
    WritePlan plan = new WritePlan(ds, LeRobotLayout.V30, fileIndex, Compression.SNAPPY);
    MetaWriter meta = new MetaWriter(plan, new FrameFiles(plan));
    try (Connection c = Duck.open()) {
      meta.writeV3(c, metaDir);
    }
    meta.writeInfo(metaDir);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Writes the whole dataset {@code plan} describes into {@code dir}. */
  private static void run(WritePlan plan, Path dir) throws IOException, SQLException {
    Files.createDirectories(dir.resolve("meta"));
    FrameFiles files = new FrameFiles(plan);
    MetaWriter meta = new MetaWriter(plan, files);
    try (Connection c = Duck.open()) {
      files.loadFrames(c, 0, plan.ds.size());
      if (plan.isV30()) {
        String dataFile = LeRobotLayout.format(LeRobotLayout.DATA_PATH_V3, Map.of("chunk_index", 0, "file_index", 0));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < plan.ds.size(); i++) {
          all.add(i);
        }
        files.writeData(c, all, dir.resolve(dataFile));
        meta.writeV3(c, dir.resolve("meta"));
      } else {
        for (int i = 0; i < plan.ds.size(); i++) {
          String file = LeRobotLayout.format(LeRobotLayout.DATA_PATH_V2,
              Map.of("episode_chunk", i / LeRobotLayout.CHUNKS_SIZE, "episode_index", i));
          files.writeData(c, List.of(i), dir.resolve(file));
        }
        meta.writeV2(dir);
      }
    }
    meta.writeInfo(dir.resolve("meta"));
  }
}
