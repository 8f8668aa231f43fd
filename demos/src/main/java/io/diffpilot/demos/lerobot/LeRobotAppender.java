package io.diffpilot.demos.lerobot;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetFormatException;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.DemoDataset;
import io.diffpilot.demos.dataset.Feature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Appends episodes one at a time to a LeRobot v3.0 dataset so that a crash (even {@code kill -9}
 * or a power cut) at any moment leaves the dataset readable with every episode committed before.
 *
 * <p>Commit protocol for one episode:
 * <ol>
 *   <li>its frames go to a new data file {@code data/chunk-CCC/file-FFF.parquet} (written as
 *       {@code .tmp}, fsynced, renamed, directory fsynced): no reader looks at it yet;</li>
 *   <li>a complete new metadata folder {@code .meta-GGGGGG/} (info.json, stats.json,
 *       tasks.parquet, episodes/…) is written and fsynced;</li>
 *   <li>the commit point: {@code meta} is a symbolic link, replaced atomically (rename of a new
 *       link over it) to point at the new folder; then the old folder is deleted.</li>
 * </ol>
 * Readers (DiffPilot, LeRobot, DuckDB) follow {@code meta} and see either the old or the new
 * dataset, never a mix. On open, leftovers of an interrupted commit (temporary files, metadata
 * folders not linked, data files no episode refers to) are removed. A dataset whose {@code meta}
 * is a plain folder (written by {@link LeRobotWriter}) is converted once to the linked form.
 */
public final class LeRobotAppender {

  static final String META = "meta";
  private static final Pattern GEN = Pattern.compile("\\.meta-(\\d{6})");
  private static final Pattern DATA_FILE = Pattern.compile("chunk-(\\d+)/file-(\\d+)\\.parquet$");

  private final Path dir;
  private final DatasetSchema schema;
  private final String robotType;
  private final List<Episode> episodes = new ArrayList<>();
  private final List<Long> fileIndex = new ArrayList<>();
  private int generation;
  private volatile int committed;

  private LeRobotAppender(Path dir, DatasetSchema schema, String robotType) {
    this.dir = dir;
    this.schema = schema;
    this.robotType = robotType == null ? "" : robotType;
  }

  /**
   * Opens (or creates) the dataset at {@code dir} for appending, after cleaning up what an
   * interrupted commit left.
   *
   * @throws DatasetFormatException when the existing dataset does not match {@code schema}
   */
  public static LeRobotAppender open(Path dir, DatasetSchema schema, String robotType) {
    LeRobotAppender a = new LeRobotAppender(dir, schema, robotType);
    try {
      Files.createDirectories(dir);
      a.recover();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + dir + " for recording: " + io.diffpilot.demos.dataset.ErrorText.of(e), e);
    }
    return a;
  }

  private void recover() throws IOException {
    Path meta = dir.resolve(META);
    if (Files.isDirectory(meta, LinkOption.NOFOLLOW_LINKS)) {
      // A dataset written in one go: move its meta aside once, then link to it.
      Files.move(meta, dir.resolve(genName(0)), StandardCopyOption.ATOMIC_MOVE);
      fsync(dir);
      link(0);
    }
    if (!Files.exists(meta, LinkOption.NOFOLLOW_LINKS)) {
      // Interrupted conversion: the newest complete generation becomes current.
      int newest = -1;
      for (int g : generations()) {
        if (Files.isRegularFile(dir.resolve(genName(g)).resolve("info.json"))) {
          newest = Math.max(newest, g);
        }
      }
      if (newest >= 0) {
        link(newest);
      }
    }
    Set<Path> referenced = new HashSet<>();
    if (Files.exists(meta)) {
      Path target = Files.readSymbolicLink(meta);
      Matcher m = GEN.matcher(target.getFileName().toString());
      if (!m.matches()) {
        throw new DatasetFormatException(meta.toString(), "", "links to " + target + ", not a .meta-NNNNNN folder");
      }
      generation = Integer.parseInt(m.group(1));
      LeRobotDataset existing = LeRobotDataset.open(dir, false);
      checkSchema(existing.schema());
      for (int i = 0; i < existing.size(); i++) {
        Episode e = existing.episode(i);
        String source = e.metadata().getOrDefault("source", "");
        Matcher f = DATA_FILE.matcher(source);
        if (!f.find()) {
          throw new DatasetFormatException(dir.toString(), "episode " + e.index(), "data file '" + source
              + "' is not data/chunk-CCC/file-FFF.parquet");
        }
        episodes.add(e);
        fileIndex.add(Long.parseLong(f.group(1)) * LeRobotLayout.CHUNKS_SIZE + Long.parseLong(f.group(2)));
        referenced.add(dir.resolve(source).normalize());
      }
      committed = episodes.size();
    }
    for (int g : generations()) {
      if (g != generation || !Files.exists(meta)) {
        LeRobotWriter.deleteTree(dir.resolve(genName(g)));
      }
    }
    Path data = dir.resolve("data");
    if (Files.isDirectory(data)) {
      try (Stream<Path> s = Files.walk(data)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          boolean leftover = p.toString().endsWith(".tmp")
              || (DATA_FILE.matcher(p.toString()).find() && !referenced.contains(p.normalize()));
          if (leftover) {
            Files.delete(p);
          }
        }
      }
    }
    Files.deleteIfExists(dir.resolve(".meta-link.tmp"));
  }

  private void checkSchema(DatasetSchema existing) {
    boolean same = existing.fps() == schema.fps()
        && existing.action().dim() == schema.action().dim()
        && existing.observations().keySet().equals(schema.observations().keySet());
    if (same) {
      for (Feature f : schema.observations().values()) {
        same &= existing.observations().get(f.observationName()).dim() == f.dim();
      }
    }
    if (!same) {
      throw new DatasetFormatException(dir.toString(), "meta/info.json", "the dataset holds " + describe(existing)
          + ", the recorder was configured for " + describe(schema));
    }
  }

  private static String describe(DatasetSchema s) {
    StringBuilder b = new StringBuilder();
    s.observations().values().forEach(f -> b.append(f.key()).append('[').append(f.dim()).append("] "));
    return b.append("action[").append(s.action().dim()).append("] at ").append(s.fps()).append(" fps").toString();
  }

  /** Episodes committed so far (does not wait for a commit in progress). */
  public int size() {
    return committed;
  }

  /** The dataset directory. */
  public Path dir() {
    return dir;
  }

  /**
   * Commits {@code episode} as the next episode (its index becomes {@link #size()}).
   *
   * @return the episode as stored
   */
  public synchronized Episode append(Episode episode) {
    int index = episodes.size();
    Episode e = new Episode(index, episode.task(), episode.timestampsSeconds(), episode.observations(),
        episode.actions(), episode.metadata());
    schema.check(e, dir.toString());
    long file = fileIndex.stream().mapToLong(Long::longValue).max().orElse(-1) + 1;
    List<Episode> all = new ArrayList<>(episodes);
    all.add(e);
    long[] files = new long[all.size()];
    for (int i = 0; i < episodes.size(); i++) {
      files[i] = fileIndex.get(i);
    }
    files[index] = file;
    DemoDataset ds = DemoDataset.of(dir.toString(), robotType, schema, all);
    String rel = LeRobotLayout.format(LeRobotLayout.DATA_PATH_V3,
        java.util.Map.of("chunk_index", file / LeRobotLayout.CHUNKS_SIZE, "file_index", file % LeRobotLayout.CHUNKS_SIZE));
    Path dataFile = dir.resolve(rel);
    int next = generation + 1;
    Path genDir = dir.resolve(genName(next));
    try {
      Files.createDirectories(dataFile.getParent());
      Path tmp = dataFile.resolveSibling(dataFile.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      LeRobotWriter.writeEpisodeDataV3(ds, index, tmp);
      fsync(tmp);
      Files.move(tmp, dataFile, StandardCopyOption.ATOMIC_MOVE);
      fsync(dataFile.getParent());
      LeRobotWriter.deleteTree(genDir);
      Files.createDirectories(genDir);
      LeRobotWriter.writeMetaV3(ds, files, genDir);
      fsyncTree(genDir);
      link(next);
      LeRobotWriter.deleteTree(dir.resolve(genName(generation)));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot commit episode " + index + " to " + dir + ": " + io.diffpilot.demos.dataset.ErrorText.of(ex), ex);
    } catch (SQLException ex) {
      throw new IllegalStateException("DuckDB failed committing episode " + index + " to " + dir + ": " + io.diffpilot.demos.dataset.ErrorText.of(ex), ex);
    }
    generation = next;
    episodes.add(e);
    fileIndex.add(file);
    committed = episodes.size();
    return e;
  }

  /** Points {@code meta} at generation {@code g}: the atomic commit. */
  private void link(int g) throws IOException {
    Path tmp = dir.resolve(".meta-link.tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, Path.of(genName(g)));
    Files.move(tmp, dir.resolve(META), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsync(dir);
  }

  private List<Integer> generations() throws IOException {
    List<Integer> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Matcher m = GEN.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    return out;
  }

  private static String genName(int g) {
    return String.format(".meta-%06d", g);
  }

  private static void fsyncTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        fsync(p);
      }
    }
  }

  /** Forces a file's or directory's content and entries to disk. */
  static void fsync(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, Files.isDirectory(p) ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }
}
