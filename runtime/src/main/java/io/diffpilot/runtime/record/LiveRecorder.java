package io.diffpilot.runtime.record;

import io.diffpilot.core.ActionChunk;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.record.EpisodeRecorder;
import io.diffpilot.runtime.simrobot.ChunkExecutor;
import io.diffpilot.runtime.transport.OutgoingChunk;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport-independent half of live recording: takes decoded observations, actions or action
 * chunks and text commands from any source (MQTT, ROS, stdin) and drives one
 * {@link EpisodeRecorder}. Thread-safe: sources call it from their receive threads.
 *
 * <p>Commands ({@link #command}): {@code start [task]}, {@code save}, {@code discard},
 * {@code quit}. Anything else is counted as a bad command and ignored.
 *
 * <p>Chunk rule ({@link #chunk} then {@link #observation}): when the robot's commanded actions
 * arrive as timestamped chunks rather than one action per step, the recorded action of the step
 * at observation time t is the action the chunks received so far schedule at t, by the same rule
 * the simulated robot executes them ({@link ChunkExecutor}: the newest chunk from its start time
 * on, the previous one before, the last action held after the end). Observations before the
 * first chunk make no step.
 *
 * <p>Malformed input (undecodable payloads, wrong widths, NaN, out-of-order stamps) is counted and
 * skipped; the recorder's own rejections are in {@link EpisodeRecorder#rejectedCounts()}.
 */
public final class LiveRecorder implements AutoCloseable {

  private final EpisodeRecorder recorder;
  private final String observationName;
  private final String defaultTask;
  private final PrintWriter log;
  private final ChunkExecutor chunks = new ChunkExecutor();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong badCommands = new AtomicLong();
  private final AtomicLong chunkSequence = new AtomicLong();
  private final Object quitLock = new Object();
  private volatile boolean quit;
  private volatile String lastMalformed = "";

  /**
   * @param observationName the {@code Episode} observation name the vectors are recorded under
   *     (a feature of the recorder's schema)
   * @param log where episode events are reported (flushed after each line)
   */
  public LiveRecorder(EpisodeRecorder recorder, String observationName, String defaultTask, PrintWriter log) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.observationName = Objects.requireNonNull(observationName, "observationName");
    this.defaultTask = defaultTask == null || defaultTask.isBlank() ? "demo" : defaultTask;
    this.log = Objects.requireNonNull(log, "log");
    if (!recorder.schema().observations().containsKey(observationName)) {
      throw new IllegalArgumentException("observation '" + observationName + "' is not in the dataset schema "
          + recorder.schema().observations().keySet());
    }
  }

  /** An observation vector captured at {@code stampNanos}; with chunks, also makes a step. */
  public void observation(long stampNanos, float[] value) {
    EpisodeRecorder.Rejection r = recorder.onObservation(observationName, stampNanos, value);
    if (r != null) {
      return;
    }
    float[] scheduled = chunks.actionAt(stampNanos);
    if (scheduled != null && recorder.recording()) {
      recorder.onAction(stampNanos, scheduled);
    }
  }

  /** One commanded action (one step) at {@code stampNanos}. */
  public void action(long stampNanos, float[] value) {
    recorder.onAction(stampNanos, value);
  }

  /** A chunk of commanded actions; its scheduled actions are recorded at the observations' times. */
  public void chunk(ActionChunk chunk) {
    chunks.accept(new OutgoingChunk("recorded", chunkSequence.incrementAndGet(), -1, chunk, 0, OutgoingChunk.Origin.POLICY));
  }

  /** A chunk as the runtime publishes it (keeps the controller's sequence, so late chunks are ignored). */
  public void chunk(OutgoingChunk chunk) {
    chunks.accept(chunk);
  }

  /** Input that could not be decoded at all; {@code where} names the topic or line. */
  public void malformed(String where, String why) {
    malformed.incrementAndGet();
    lastMalformed = where + ": " + why;
  }

  /**
   * Applies one text command.
   *
   * @return false when it was not understood (counted)
   */
  public boolean command(String text) {
    String line = text == null ? "" : text.strip();
    String verb = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    String arg = line.contains(" ") ? line.substring(line.indexOf(' ') + 1).strip() : "";
    try {
      switch (verb) {
        case "start" -> {
          if (recorder.recording()) {
            say("already recording (" + recorder.steps() + " steps); 'save' or 'discard' first");
            return true;
          }
          recorder.startEpisode(arg.isEmpty() ? defaultTask : arg);
          say("started episode " + recorder.savedEpisodes());
        }
        case "save", "stop" -> end(EpisodeRecorder.Outcome.SAVE);
        case "discard" -> end(EpisodeRecorder.Outcome.DISCARD);
        case "quit", "exit" -> quit();
        default -> {
          badCommands.incrementAndGet();
          say("unknown command '" + line + "' (start [task] | save | discard | quit)");
          return false;
        }
      }
    } catch (RuntimeException e) {
      say("command '" + line + "' failed: " + e.getMessage());
    }
    return true;
  }

  private void end(EpisodeRecorder.Outcome outcome) {
    if (!recorder.recording()) {
      say("not recording; 'start' first");
      return;
    }
    int steps = recorder.steps();
    long t0 = System.nanoTime();
    Optional<Episode> e = recorder.endEpisode(outcome);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    say(e.map(ep -> "saved episode " + ep.index() + " (" + ep.length() + " steps, committed in " + ms + " ms)")
        .orElse((outcome == EpisodeRecorder.Outcome.SAVE ? "nothing to save: " : "discarded episode (") + steps + " steps"
            + (outcome == EpisodeRecorder.Outcome.SAVE ? "" : ")")));
  }

  private void say(String line) {
    synchronized (log) {
      log.println(line);
      log.flush();
    }
  }

  /** Asks the recording to end ({@link #awaitQuit}). */
  public void quit() {
    synchronized (quitLock) {
      quit = true;
      quitLock.notifyAll();
    }
  }

  public boolean quitRequested() {
    return quit;
  }

  /** Waits until {@link #quit} is called or the timeout passes; true when quit. */
  public boolean awaitQuit(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    synchronized (quitLock) {
      while (!quit) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        quitLock.wait(left);
      }
      return true;
    }
  }

  public EpisodeRecorder recorder() {
    return recorder;
  }

  public int savedEpisodes() {
    return recorder.savedEpisodes();
  }

  public long malformedCount() {
    return malformed.get();
  }

  public long badCommandCount() {
    return badCommands.get();
  }

  /** One line: episodes, rejected messages by reason, malformed input. */
  public String summary() {
    String last = lastMalformed.isEmpty() ? "" : " (last: " + lastMalformed + ")";
    return recorder.savedEpisodes() + " episodes; rejected " + recorder.rejectedCounts() + "; malformed " + malformed.get()
        + last + "; bad commands " + badCommands.get();
  }

  /** Discards an episode in progress (only an explicit 'save' saves), then waits for pending commits. */
  @Override
  public void close() {
    if (recorder.recording()) {
      int steps = recorder.steps();
      recorder.endEpisode(EpisodeRecorder.Outcome.DISCARD);
      say("stopped inside an episode: discarded it (" + steps + " steps); send 'save' to keep one");
    }
    recorder.close();
  }
}
