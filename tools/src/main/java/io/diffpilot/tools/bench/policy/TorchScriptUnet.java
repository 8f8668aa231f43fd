package io.diffpilot.tools.bench.policy;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diffpilot.policy.engine.Engines;
import io.diffpilot.policy.fast.FixedShapeDenoiser;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same ConditionalUnet1D as a TorchScript trace run by DJL's libtorch: the "what a tuned
 * native runtime gives" peer of the java backend. Traced by Debian's torch
 * ({@code torchscript_trace.py}, from {@code conditional_unet1d.py} whose module names are the
 * state-dict keys, so the weights load unrenamed), loaded with {@code Model.newInstance(…, "PyTorch")}
 * and run through a {@link NoopTranslator} predictor: one native module call per forward, plus the
 * copies in and out.
 */
public final class TorchScriptUnet extends FixedShapeDenoiser implements AutoCloseable {

  private static final String NAME = "unet";

  private final Model model;
  private final Predictor<NDList, NDList> predictor;

  private TorchScriptUnet(UnetConfig config, int horizon, int maxBatch, Model model) {
    super(config, horizon, maxBatch);
    this.model = model;
    this.predictor = model.newPredictor(new NoopTranslator());
  }

  /** Null when {@code python} runs and imports torch, else why not. */
  public static String whyUnavailable(Path python) {
    if (!Files.isExecutable(python)) {
      return python + " not found";
    }
    try {
      Process p = new ProcessBuilder(python.toString(), "-c", "import torch").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return python + " cannot import torch: " + out;
      }
      return null;
    } catch (IOException e) {
      return python + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * Writes the state dict and config to {@code dir}, traces the network there with {@code python}
   * and returns the TorchScript file.
   */
  public static Path trace(Path python, UnetConfig config, Map<String, Safetensors.Tensor> stateDict, int horizon, Path dir)
      throws IOException, InterruptedException {
    PythonScripts.copy(dir, List.of("torchscript_trace.py"));
    Path weights = dir.resolve("weights.safetensors");
    Safetensors.write(weights, stateDict, Map.of());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("input_dim", config.inputDim());
    c.put("global_cond_dim", config.globalCondDim());
    c.put("step_embed_dim", config.stepEmbedDim());
    c.put("down_dims", config.downDims());
    c.put("kernel_size", config.kernelSize());
    c.put("n_groups", config.nGroups());
    c.put("cond_predict_scale", config.condPredictScale());
    Path json = dir.resolve("config.json");
    new ObjectMapper().writeValue(json.toFile(), c);
    Path pt = dir.resolve(NAME + ".pt");
    ProcessBuilder pb = new ProcessBuilder(python.toString(), dir.resolve("torchscript_trace.py").toString(),
        "--weights", weights.toString(), "--config", json.toString(), "--horizon", Integer.toString(horizon),
        "--out", pt.toString()).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("torchscript_trace.py timed out");
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(pt)) {
      throw new IOException("torchscript_trace.py failed (exit " + p.exitValue() + "): " + out);
    }
    return pt;
  }

  /** Loads a trace of {@code config}'s network for calls of up to {@code maxBatch} rows of length {@code horizon}. */
  public static TorchScriptUnet load(Path pt, UnetConfig config, int horizon, int maxBatch) throws IOException {
    Engines.pytorch();
    Model model = Model.newInstance(NAME, Engines.PYTORCH);
    try {
      model.load(pt.getParent(), NAME);
      return new TorchScriptUnet(config, horizon, maxBatch, model);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw new IOException("DJL cannot load the TorchScript trace " + pt + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void forward(float[] sample, long[] timesteps, float[] globalCond, int batch, float[] out) {
    requireBatch(batch);
    int a = config.inputDim();
    int g = config.globalCondDim();
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDList in = new NDList(m.create(exact(sample, batch * horizon * a), new Shape(batch, horizon, a)),
          m.create(timesteps.length == batch ? timesteps : Arrays.copyOf(timesteps, batch), new Shape(batch)),
          m.create(exact(globalCond, batch * g), new Shape(batch, g)));
      NDList result = predictor.predict(in);
      float[] y = result.singletonOrThrow().toFloatArray();
      System.arraycopy(y, 0, out, 0, y.length);
      result.close();
    } catch (TranslateException e) {
      throw new IllegalStateException("TorchScript forward failed: " + e.getMessage(), e);
    }
  }

  /** DJL wants arrays of exactly the shape's size; the callers' buffers are sized for the largest batch. */
  private static float[] exact(float[] values, int n) {
    return values.length == n ? values : Arrays.copyOf(values, n);
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
