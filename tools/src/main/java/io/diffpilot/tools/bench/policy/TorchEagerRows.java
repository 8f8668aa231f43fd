package io.diffpilot.tools.bench.policy;

import io.diffpilot.policy.unet.UnetConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FastBench}'s PyTorch-eager rows: {@code torch_eager_bench.py} run by Debian's
 * {@code /usr/bin/python3} with the thread count fixed, one JSON line per row.
 */
final class TorchEagerRows {

  private TorchEagerRows() {}

  static List<FastBench.Row> torchRows(String python, UnetConfig cfg, int horizon, int[] batches, int threads, int[] steps,
      int chunks, int forwards, PrintWriter out) throws IOException, InterruptedException {
    List<FastBench.Row> rows = new ArrayList<>();
    if (!Files.isExecutable(Path.of(python))) {
      out.println("# PyTorch reference skipped: " + python + " not found");
      return rows;
    }
    // The script imports the U-Net of conditional_unet1d.py, which PythonScripts writes beside it.
    Path dir = Files.createTempDirectory("torch_eager_bench");
    PythonScripts.copy(dir, List.of("torch_eager_bench.py"));
    Path script = dir.resolve("torch_eager_bench.py");
    try {
      List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
          "--threads", Integer.toString(threads),
          "--input-dim", Integer.toString(cfg.inputDim()),
          "--global-cond-dim", Integer.toString(cfg.globalCondDim()),
          "--step-embed-dim", Integer.toString(cfg.stepEmbedDim()),
          "--down-dims", join(cfg.downDims().stream().mapToInt(Integer::intValue).toArray()),
          "--kernel", Integer.toString(cfg.kernelSize()),
          "--groups", Integer.toString(cfg.nGroups()),
          "--horizon", Integer.toString(horizon),
          "--batches", join(batches),
          "--steps", join(steps),
          "--forward-iters", Integer.toString(forwards),
          "--chunks", Integer.toString(chunks)));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      String n = Integer.toString(threads);
      // Debian's torch multiplies through OpenBLAS, whose threads ignore torch.set_num_threads.
      pb.environment().put("OMP_NUM_THREADS", n);
      pb.environment().put("OPENBLAS_NUM_THREADS", n);
      pb.environment().put("MKL_NUM_THREADS", n);
      Process p = pb.start();
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.startsWith("{")) {
            out.println("# python: " + line);
            continue;
          }
          var node = json.readTree(line);
          double[] ms = new double[node.get("ms").size()];
          for (int i = 0; i < ms.length; i++) {
            ms[i] = node.get("ms").get(i).asDouble();
          }
          rows.add(new FastBench.Row("torch-eager", node.get("kind").asText(), node.get("batch").asInt(), threads,
              node.get("steps").asInt(), ms));
        }
      }
      int rc = p.waitFor();
      if (rc != 0) {
        out.println("# python exited with " + rc);
      }
    } finally {
      Files.deleteIfExists(script);
      Files.deleteIfExists(dir.resolve(PythonScripts.NETWORK));
      Files.deleteIfExists(dir);
    }
    return rows;
  }

  private static String join(int[] values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      sb.append(sb.length() == 0 ? "" : ",").append(v);
    }
    return sb.toString();
  }
}
