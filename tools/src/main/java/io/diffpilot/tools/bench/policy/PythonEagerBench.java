package io.diffpilot.tools.bench.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The same ConditionalUnet1D in PyTorch eager mode, timed by a Python subprocess
 * ({@code bench_unet_eager.py}, shipped as a resource) with its thread count fixed through
 * OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and torch.set_num_threads.
 */
public final class PythonEagerBench {

  private static final List<String> SCRIPTS = List.of("bench_unet_eager.py", "bench_unet_train_eager.py");

  private final Path python;
  private final Path scriptDir;

  private PythonEagerBench(Path python, Path scriptDir) {
    this.python = python;
    this.scriptDir = scriptDir;
  }

  /** The benchmark when {@code python} runs and imports torch; empty otherwise (with the reason). */
  public static Optional<PythonEagerBench> find(Path python, StringBuilder whyNot) {
    try {
      Process p = new ProcessBuilder(python.toString(), "-c", "import torch").redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        whyNot.append(python).append(" cannot import torch: ").append(new String(out, StandardCharsets.UTF_8).trim());
        return Optional.empty();
      }
      Path dir = Files.createTempDirectory("diffpilot-bench-py");
      dir.toFile().deleteOnExit();
      PythonScripts.copy(dir, SCRIPTS);
      return Optional.of(new PythonEagerBench(python, dir));
    } catch (IOException e) {
      whyNot.append(python).append(": ").append(e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      whyNot.append("interrupted");
      return Optional.empty();
    }
  }

  /** Times {@code iterations} forwards of the net at batch {@code batch} with {@code threads} threads. */
  public LatencySample forward(UnetConfig net, int horizon, int batch, int threads, int warmup, int iterations, double budgetSeconds)
      throws IOException, InterruptedException {
    return run("bench_unet_eager.py", net, horizon, batch, threads, warmup, iterations, budgetSeconds);
  }

  /** Times {@code iterations} training steps (forward, MSE, backward, AdamW) at batch {@code batch}. */
  public LatencySample trainStep(UnetConfig net, int horizon, int batch, int threads, int warmup, int iterations,
      double budgetSeconds) throws IOException, InterruptedException {
    return run("bench_unet_train_eager.py", net, horizon, batch, threads, warmup, iterations, budgetSeconds);
  }

  private LatencySample run(String script, UnetConfig net, int horizon, int batch, int threads, int warmup,
      int iterations, double budgetSeconds) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(python.toString(), scriptDir.resolve(script).toString(),
        "--down-dims", net.downDims().stream().map(String::valueOf).collect(Collectors.joining(",")),
        "--action-dim", String.valueOf(net.inputDim()), "--cond-dim", String.valueOf(net.globalCondDim()),
        "--step-embed", String.valueOf(net.stepEmbedDim()), "--kernel", String.valueOf(net.kernelSize()),
        "--groups", String.valueOf(net.nGroups()), "--horizon", String.valueOf(horizon), "--batch", String.valueOf(batch),
        "--threads", String.valueOf(threads), "--warmup", String.valueOf(warmup),
        "--iterations", String.valueOf(iterations), "--budget-seconds", String.valueOf(budgetSeconds)));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
    pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(threads));
    pb.environment().put("MKL_NUM_THREADS", String.valueOf(threads));
    Path err = Files.createTempFile("bench-py", ".err");
    Process p = null;
    // Ending the benchmark (Ctrl-C) must not leave a Python process running on.
    Thread killChild = new Thread(() -> {});
    try {
      p = pb.redirectError(err.toFile()).start();
      Process started = p;
      killChild = new Thread(started::destroyForcibly);
      Runtime.getRuntime().addShutdownHook(killChild);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor((long) (budgetSeconds * 4 + 120), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("PyTorch benchmark timed out");
      }
      if (p.exitValue() != 0) {
        throw new IOException("PyTorch benchmark failed (exit " + p.exitValue() + "): " + Files.readString(err).trim());
      }
      JsonNode j = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
      return new LatencySample(j.path("n").asInt(), j.path("p50_ms").asDouble(), j.path("p99_ms").asDouble(),
          j.path("rss_before_kib").asLong(), j.path("rss_after_kib").asLong());
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(killChild);
      } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
        // nothing to undo
      }
      Files.deleteIfExists(err);
    }
  }
}
