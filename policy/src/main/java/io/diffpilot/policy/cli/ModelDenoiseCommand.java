package io.diffpilot.policy.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.diffpilot.policy.engine.Engines;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.UnetConfig;
import io.diffpilot.policy.unet.UnetEvaluator;
import io.diffpilot.policy.unet.UnetWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffpilot model denoise}: one evaluation of a model directory's network on tensors
 * {@code sample} [B, T, A] float32, {@code timestep} [B] int64 and {@code global_cond} [B, G]
 * float32 read from a safetensors file; writes {@code output} [B, T, A] float32.
 */
@Command(name = "denoise", mixinStandardHelpOptions = true,
    description = "Run the model's network once: sample, timestep, global_cond -> output (safetensors).")
public final class ModelDenoiseCommand extends PolicyCommand {

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "IN", description = "safetensors with sample, timestep, global_cond")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "safetensors to write (tensor 'output')")
  Path out;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu | gpu | auto (default ${DEFAULT-VALUE})")
  String device;

  public ModelDenoiseCommand() {
    super("diffpilot model denoise");
  }

  @Override
  int execute(PrintWriter stdout, PrintWriter err) throws IOException {
    UnetConfig config = NetworkSection.read(model);
    Map<String, Tensor> weights = Safetensors.read(model.resolve("weights.safetensors"));
    ConditionalUnet1d net = NetworkSection.checkedNetwork(config, weights);
    Map<String, Tensor> in = Safetensors.read(input);
    Tensor sample = require(in, "sample", 3);
    int batch = Math.toIntExact(sample.shape()[0]);
    int horizon = Math.toIntExact(sample.shape()[1]);
    if (sample.shape()[2] != config.inputDim()) {
      throw new IllegalArgumentException(input + ": sample " + Arrays.toString(sample.shape()) + " must be [B, T, " + config.inputDim() + "]");
    }
    Tensor timestep = require(in, "timestep", 1);
    if (timestep.shape()[0] != batch) {
      throw new IllegalArgumentException(input + ": timestep " + Arrays.toString(timestep.shape()) + " must be [" + batch + "]");
    }
    float[] cond = new float[0];
    if (config.globalCondDim() > 0) {
      Tensor g = require(in, "global_cond", 2);
      if (g.shape()[0] != batch || g.shape()[1] != config.globalCondDim()) {
        throw new IllegalArgumentException(input + ": global_cond " + Arrays.toString(g.shape()) + " must be ["
            + batch + ", " + config.globalCondDim() + "]");
      }
      cond = g.toFloatArray();
    }
    Device dev = Engines.device(device);
    float[] result;
    try (NDManager manager = NDManager.newBaseManager(dev, Engines.pytorch().getEngineName())) {
      UnetWeights.load(net, manager, weights);
      result = new UnetEvaluator(net, manager).forward(sample.toFloatArray(), timestep.toLongArray(), cond, batch, horizon);
    }
    Map<String, Tensor> outTensors = new LinkedHashMap<>();
    outTensors.put("output", Tensor.ofFloats(result, sample.shape()));
    Safetensors.write(out, outTensors, Map.of("model", model.toString()));
    stdout.printf("denoised %s [%d, %d, %d] on %s -> %s%n", input, batch, horizon, config.inputDim(), dev, out);
    return 0;
  }

  /** Any runtime failure of the engine (a missing native library, a bad device) is reported too. */
  @Override
  boolean expected(Exception e) {
    return e instanceof IOException || e instanceof RuntimeException;
  }

  private Tensor require(Map<String, Tensor> tensors, String name, int rank) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException(input + " has no tensor '" + name + "' (has " + tensors.keySet() + ")");
    }
    if (t.shape().length != rank) {
      throw new IllegalArgumentException(input + ": tensor '" + name + "' has rank " + t.shape().length + ", expected " + rank);
    }
    return t;
  }
}
