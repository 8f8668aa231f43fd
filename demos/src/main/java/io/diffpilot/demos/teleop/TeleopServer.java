package io.diffpilot.demos.teleop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.diffpilot.core.Episode;
import io.diffpilot.demos.pusht.PushTCsvDataset;
import io.diffpilot.demos.record.EpisodeRecorder;
import io.diffpilot.sim.pusht.ObservationKind;
import io.diffpilot.sim.pusht.PushTEnv;
import io.diffpilot.sim.pusht.PushTState;
import io.diffpilot.sim.pusht.SolverSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Browser teleoperation of Push-T: serves one page on which the mouse position is the agent's
 * target, stepped at 10 Hz by the page, and records each episode into a dataset with the Push-T
 * schema ({@link PushTCsvDataset#SCHEMA}), so teleoperated and imported demonstrations mix.
 *
 * <p>HTTP API (JSON): {@code POST /api/start {"seed":N}} resets the environment to the paper's
 * start for seed N and starts an episode; {@code POST /api/step {"x":..,"y":..}} records the
 * current state (observations) and the target (action), then steps the physics; {@code POST
 * /api/end {"outcome":"save"|"discard"}} ends it; {@code GET /api/state}. Step k is stamped
 * k × 100 ms: the recorded timeline is exactly 10 Hz whatever the page's timer jitter.
 * One operator at a time; all calls are serialized.
 */
public final class TeleopServer implements AutoCloseable {

  private static final long STEP_NANOS = 100_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer http;
  private final EpisodeRecorder recorder;
  private final PushTEnv env;
  private final byte[] page;
  private long seed;
  private double maxCoverage;
  private boolean started;
  private String lastMessage = "";

  /**
   * @param port TCP port on 127.0.0.1 (0: any free port)
   * @param dataset dataset directory episodes are saved into (created or appended to)
   * @param maxSteps steps after which an episode stops (300 in the paper's evaluation)
   */
  public TeleopServer(int port, Path dataset, int maxSteps) throws IOException {
    this.recorder = EpisodeRecorder.open(dataset, PushTCsvDataset.SCHEMA, "pusht", STEP_NANOS / 2);
    this.env = new PushTEnv(ObservationKind.KEYPOINTS, maxSteps, SolverSettings.tuned());
    try (InputStream in = TeleopServer.class.getResourceAsStream("pusht.html")) {
      if (in == null) {
        throw new IOException("teleop page resource pusht.html missing from the class path");
      }
      this.page = in.readAllBytes();
    }
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    http.createContext("/", this::handle);
    http.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "teleop-http");
      t.setDaemon(true);
      return t;
    }));
    http.start();
  }

  /** The page's address. */
  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
  }

  public int savedEpisodes() {
    return recorder.savedEpisodes();
  }

  @Override
  public void close() {
    http.stop(0);
    recorder.close();
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/") && method.equals("GET")) {
        send(ex, 200, "text/html; charset=utf-8", page);
        return;
      }
      JsonNode body = method.equals("POST") ? readBody(ex) : JSON.createObjectNode();
      ObjectNode reply;
      synchronized (this) {
        reply = switch (path) {
          case "/api/state" -> state();
          case "/api/start" -> start(body.path("seed").asLong(0));
          case "/api/step" -> step(body);
          case "/api/end" -> end(!body.path("outcome").asText("save").equals("discard"));
          default -> null;
        };
      }
      if (reply == null) {
        send(ex, 404, "text/plain", ("no " + path).getBytes(StandardCharsets.UTF_8));
      } else {
        send(ex, 200, "application/json", JSON.writeValueAsBytes(reply));
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      ObjectNode err = JSON.createObjectNode().put("error", e.getMessage());
      send(ex, 409, "application/json", JSON.writeValueAsBytes(err));
    }
  }

  private ObjectNode start(long seed) {
    if (recorder.recording()) {
      recorder.endEpisode(EpisodeRecorder.Outcome.DISCARD);
    }
    this.seed = seed;
    env.reset(seed);
    started = true;
    maxCoverage = env.coverage();
    recorder.startEpisode("pusht");
    lastMessage = "recording (seed " + seed + ")";
    return state();
  }

  private ObjectNode step(JsonNode body) {
    if (!recorder.recording()) {
      throw new IllegalStateException("press Start first");
    }
    if (env.isDone()) {
      throw new IllegalStateException("the episode is over after " + env.steps() + " steps: save or discard it");
    }
    if (!body.path("x").isNumber() || !body.path("y").isNumber()) {
      throw new IllegalArgumentException("step needs numbers x and y");
    }
    float[] action = {(float) body.path("x").asDouble(), (float) body.path("y").asDouble()};
    long stamp = env.steps() * STEP_NANOS;
    PushTState s = env.state();
    requireRecorded(recorder.onObservation("state", stamp, s.toStateVector()));
    requireRecorded(recorder.onObservation("keypoints", stamp, s.toKeypointVector()));
    requireRecorded(recorder.onAction(stamp, action));
    env.step(action);
    maxCoverage = Math.max(maxCoverage, env.coverage());
    return state();
  }

  private static void requireRecorded(EpisodeRecorder.Rejection r) {
    if (r != null) {
      throw new IllegalArgumentException("step not recorded: " + r);
    }
  }

  private ObjectNode end(boolean save) {
    if (!recorder.recording()) {
      throw new IllegalStateException("no episode in progress");
    }
    int steps = recorder.steps();
    Optional<Episode> e = recorder.endEpisode(save ? EpisodeRecorder.Outcome.SAVE : EpisodeRecorder.Outcome.DISCARD);
    lastMessage = e.map(ep -> "saved episode " + ep.index() + " (" + ep.length() + " steps)")
        .orElse("discarded episode (" + steps + " steps)");
    return state();
  }

  private ObjectNode state() {
    ObjectNode n = JSON.createObjectNode();
    n.put("recording", recorder.recording());
    n.put("saved", recorder.savedEpisodes());
    n.put("message", lastMessage);
    n.put("maxSteps", env.maxSteps());
    n.put("seed", seed);
    if (started) {
      PushTState s = env.state();
      var st = n.putArray("state");
      for (float v : s.toStateVector()) {
        st.add(v);
      }
      n.put("step", env.steps());
      n.put("coverage", env.coverage());
      n.put("maxCoverage", maxCoverage);
      n.put("done", env.isDone());
    } else {
      n.put("step", 0);
    }
    return n;
  }

  private static JsonNode readBody(HttpExchange ex) throws IOException {
    byte[] b = ex.getRequestBody().readAllBytes();
    return b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b);
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(code, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
