package io.diffpilot.demos.record;

import io.diffpilot.core.Episode;
import io.diffpilot.demos.dataset.DatasetSchema;
import io.diffpilot.demos.dataset.Feature;
import io.diffpilot.demos.lerobot.LeRobotAppender;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Records live observation and commanded-action streams into episodes of a LeRobot v3.0
 * dataset, whatever the transport: an MQTT or ROS subscriber, the teleoperation page or stdin
 * calls {@link #onObservation} and {@link #onAction} as messages arrive.
 *
 * <p>Step rule: each accepted action makes one step. Its observations are, per name, the latest
 * observation stamped at or before the action's stamp and at most {@code maxObservationAgeNanos}
 * older; the step's timestamp is the action stamp minus the episode's first action stamp.
 * Actions without fresh observations, out-of-order stamps, wrong widths and non-finite values
 * are rejected and counted by {@link Rejection}, never recorded.
 *
 * <p>Crash safety: a saved episode is committed atomically ({@link LeRobotAppender}); the episode
 * in progress lives in memory only, so a crash loses at most that one. Commits run on one
 * background thread ({@link #endEpisodeAsync}), so transport threads calling {@code on*} are never
 * held up by file I/O and the next episode can start while the last one is being written.
 * Thread-safe; {@link #close} waits for pending commits.
 */
public final class EpisodeRecorder implements AutoCloseable {

  /** What to do with the episode at its end. */
  public enum Outcome { SAVE, DISCARD }

  /** Why a message was not recorded. */
  public enum Rejection { NOT_RECORDING, UNKNOWN_OBSERVATION, WRONG_DIMENSION, NOT_FINITE, OUT_OF_ORDER, NO_FRESH_OBSERVATION }

  private static final int HISTORY = 64;

  private final LeRobotAppender store;
  private final DatasetSchema schema;
  private final long maxObservationAgeNanos;
  private final Map<String, ArrayDeque<Stamped>> observations = new HashMap<>();
  private final EnumMap<Rejection, Long> rejected = new EnumMap<>(Rejection.class);
  private String task;
  private final List<Long> stepStamps = new ArrayList<>();
  private final Map<String, List<float[]>> stepObservations = new LinkedHashMap<>();
  private final List<float[]> stepActions = new ArrayList<>();
  private final ExecutorService committer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "episode-commit");
    t.setDaemon(true);
    return t;
  });

  private record Stamped(long stampNanos, float[] value) {}

  private EpisodeRecorder(LeRobotAppender store, DatasetSchema schema, long maxObservationAgeNanos) {
    this.store = store;
    this.schema = schema;
    this.maxObservationAgeNanos = maxObservationAgeNanos;
    for (Rejection r : Rejection.values()) {
      rejected.put(r, 0L);
    }
    for (String name : schema.observations().keySet()) {
      observations.put(name, new ArrayDeque<>());
    }
  }

  /**
   * Opens (creating if needed) the dataset at {@code dir} for recording; leftovers of an
   * interrupted commit are cleaned up first.
   *
   * @param maxObservationAgeNanos how much older than an action its observations may be (&gt; 0)
   */
  public static EpisodeRecorder open(Path dir, DatasetSchema schema, String robotType, long maxObservationAgeNanos) {
    if (maxObservationAgeNanos <= 0) {
      throw new IllegalArgumentException("maxObservationAgeNanos must be > 0");
    }
    return new EpisodeRecorder(LeRobotAppender.open(dir, schema, robotType), schema, maxObservationAgeNanos);
  }

  /** Starts an episode; observations received before it are kept as the current ones. */
  public synchronized void startEpisode(String task) {
    if (recording()) {
      throw new IllegalStateException("an episode is already being recorded; end it first");
    }
    this.task = task == null || task.isBlank() ? "demo" : task;
    stepStamps.clear();
    stepActions.clear();
    stepObservations.clear();
    schema.observations().keySet().forEach(n -> stepObservations.put(n, new ArrayList<>()));
  }

  public synchronized boolean recording() {
    return task != null;
  }

  /** Steps recorded in the episode in progress. */
  public synchronized int steps() {
    return stepActions.size();
  }

  /** Offers an observation; returns null when kept, else why not. */
  public synchronized Rejection onObservation(String name, long stampNanos, float[] value) {
    ArrayDeque<Stamped> history = observations.get(name);
    if (history == null) {
      return reject(Rejection.UNKNOWN_OBSERVATION);
    }
    Feature f = schema.observations().get(name);
    Rejection bad = check(value, f.dim());
    if (bad != null) {
      return reject(bad);
    }
    if (!history.isEmpty() && stampNanos < history.peekLast().stampNanos()) {
      return reject(Rejection.OUT_OF_ORDER);
    }
    history.addLast(new Stamped(stampNanos, value.clone()));
    while (history.size() > HISTORY) {
      history.removeFirst();
    }
    return null;
  }

  /** Offers a commanded action; returns null when it made a step, else why not. */
  public synchronized Rejection onAction(long stampNanos, float[] value) {
    if (!recording()) {
      return reject(Rejection.NOT_RECORDING);
    }
    Rejection bad = check(value, schema.action().dim());
    if (bad != null) {
      return reject(bad);
    }
    if (!stepStamps.isEmpty() && stampNanos <= stepStamps.get(stepStamps.size() - 1)) {
      return reject(Rejection.OUT_OF_ORDER);
    }
    Map<String, float[]> picked = new LinkedHashMap<>();
    for (var e : observations.entrySet()) {
      Stamped s = latestAtOrBefore(e.getValue(), stampNanos);
      if (s == null || stampNanos - s.stampNanos() > maxObservationAgeNanos) {
        return reject(Rejection.NO_FRESH_OBSERVATION);
      }
      picked.put(e.getKey(), s.value());
    }
    stepStamps.add(stampNanos);
    stepActions.add(value.clone());
    picked.forEach((name, v) -> stepObservations.get(name).add(v));
    return null;
  }

  /**
   * Ends the episode in progress and waits for its commit.
   *
   * @return the committed episode when saved (and it had at least one step), else empty
   */
  public Optional<Episode> endEpisode(Outcome outcome) {
    try {
      return endEpisodeAsync(outcome).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Ends the episode in progress at once; a saved episode is committed on the recorder's commit
   * thread, in the order episodes ended.
   *
   * @return completes with the committed episode (empty when discarded or without steps), or
   *     exceptionally when the commit failed (the dataset then still holds every earlier episode)
   */
  public CompletableFuture<Optional<Episode>> endEpisodeAsync(Outcome outcome) {
    Episode e;
    synchronized (this) {
      if (!recording()) {
        throw new IllegalStateException("no episode is being recorded");
      }
      try {
        if (outcome == Outcome.DISCARD || stepActions.isEmpty()) {
          return CompletableFuture.completedFuture(Optional.empty());
        }
        int n = stepActions.size();
        double[] t = new double[n];
        long t0 = stepStamps.get(0);
        for (int i = 0; i < n; i++) {
          t[i] = (stepStamps.get(i) - t0) / 1e9;
        }
        Map<String, float[][]> obs = new LinkedHashMap<>();
        stepObservations.forEach((name, rows) -> obs.put(name, rows.toArray(new float[0][])));
        e = new Episode(0, task, t, obs, stepActions.toArray(new float[0][]),
            Map.of("start_stamp_ns", Long.toString(t0)));
      } finally {
        task = null;
      }
    }
    return CompletableFuture.supplyAsync(() -> Optional.of(store.append(e)), committer);
  }

  /** Waits for pending commits, then stops the commit thread. */
  @Override
  public void close() {
    committer.shutdown();
    try {
      if (!committer.awaitTermination(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("episode commits did not finish in 5 minutes");
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /** Episodes committed in the dataset. */
  public int savedEpisodes() {
    return store.size();
  }

  /** Counts of rejected messages by reason (a copy). */
  public synchronized Map<Rejection, Long> rejectedCounts() {
    return new EnumMap<>(rejected);
  }

  public DatasetSchema schema() {
    return schema;
  }

  private Rejection reject(Rejection r) {
    rejected.merge(r, 1L, Long::sum);
    return r;
  }

  private static Rejection check(float[] v, int dim) {
    if (v == null || v.length != dim) {
      return Rejection.WRONG_DIMENSION;
    }
    for (float x : v) {
      if (!Float.isFinite(x)) {
        return Rejection.NOT_FINITE;
      }
    }
    return null;
  }

  private static Stamped latestAtOrBefore(ArrayDeque<Stamped> history, long stamp) {
    for (Iterator<Stamped> it = history.descendingIterator(); it.hasNext(); ) {
      Stamped s = it.next();
      if (s.stampNanos() <= stamp) {
        return s;
      }
    }
    return null;
  }
}
