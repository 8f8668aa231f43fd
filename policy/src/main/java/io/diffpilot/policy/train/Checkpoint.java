package io.diffpilot.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.diffpilot.policy.fast.StateDictLayout;
import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training state in one safetensors file, written to a temporary name and renamed (a crash leaves
 * the previous checkpoint intact). Tensors: {@code model/<name>} (current weights),
 * {@code ema/<name>}, {@code adam.m/<name>}, {@code adam.v/<name>}, and an I64 [4] tensor with step, adamUpdates,
 * emaStep, seed. Random state needs no saving: every step draws from a generator seeded by
 * (seed, step), so a resumed run continues the same random sequence.
 */
public final class Checkpoint {

  public static final String FILE = "checkpoint.safetensors";

  /** I64 [4]: step, adamUpdates, emaStep, seed. */
  static final String STATE = "state/step_adamUpdates_emaStep_seed";

  private Checkpoint() {}

  /** What a checkpoint records besides the tensors. */
  public record State(int step, int adamUpdates, int emaStep, long seed) {}

  static void save(Path file, State state, Map<String, NDArray> model, Map<String, NDArray> ema,
      Map<String, NDArray> adamM, Map<String, NDArray> adamV) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    put(tensors, "model/", model);
    put(tensors, "ema/", ema);
    put(tensors, "adam.m/", adamM);
    put(tensors, "adam.v/", adamV);
    tensors.put(STATE, Tensor.ofLongs(new long[] {state.step(), state.adamUpdates(), state.emaStep(), state.seed()}, 4));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Safetensors.write(tmp, tensors, Map.of("format", "diffpilot-checkpoint"));
    ModelDirectory.moveAtomically(tmp, file);
  }

  private static void put(Map<String, Tensor> out, String prefix, Map<String, NDArray> arrays) {
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      NDArray a = e.getValue();
      out.put(prefix + e.getKey(), Tensor.ofFloats(a.toType(DataType.FLOAT32, false).toFloatArray(), a.getShape().getShape()));
    }
  }

  /** The same file from the java backend's flat vectors (state dict order of {@code layout}). */
  public static void saveFlat(Path file, State state, StateDictLayout layout, float[] model, float[] ema, float[] adamM,
      float[] adamV) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    putFlat(tensors, "model/", layout, model);
    putFlat(tensors, "ema/", layout, ema);
    putFlat(tensors, "adam.m/", layout, adamM);
    putFlat(tensors, "adam.v/", layout, adamV);
    tensors.put(STATE, Tensor.ofLongs(new long[] {state.step(), state.adamUpdates(), state.emaStep(), state.seed()}, 4));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Safetensors.write(tmp, tensors, Map.of("format", "diffpilot-checkpoint"));
    ModelDirectory.moveAtomically(tmp, file);
  }

  private static void putFlat(Map<String, Tensor> out, String prefix, StateDictLayout layout, float[] flat) {
    for (Map.Entry<String, Tensor> e : layout.tensors(flat).entrySet()) {
      out.put(prefix + e.getKey(), e.getValue());
    }
  }

  /** Reads a checkpoint (from either backend) into the java backend's flat vectors. */
  public static State loadFlat(Path file, StateDictLayout layout, float[] model, float[] ema, float[] adamM, float[] adamV)
      throws IOException {
    Map<String, Tensor> tensors = Safetensors.read(file);
    Tensor stateTensor = tensors.get(STATE);
    if (stateTensor == null || stateTensor.numel() != 4) {
      throw new IOException(file + ": not a DiffPilot checkpoint (no '" + STATE + "' [4] tensor)");
    }
    long[] s = stateTensor.toLongArray();
    copyFlat(file, tensors, "model/", layout, model);
    copyFlat(file, tensors, "ema/", layout, ema);
    copyFlat(file, tensors, "adam.m/", layout, adamM);
    copyFlat(file, tensors, "adam.v/", layout, adamV);
    return new State(Math.toIntExact(s[0]), Math.toIntExact(s[1]), Math.toIntExact(s[2]), s[3]);
  }

  private static void copyFlat(Path file, Map<String, Tensor> tensors, String prefix, StateDictLayout layout,
      float[] into) throws IOException {
    for (Map.Entry<String, StateDictLayout.Slot> e : layout.slots().entrySet()) {
      Tensor t = tensors.get(prefix + e.getKey());
      if (t == null) {
        throw new IOException(file + ": checkpoint lacks '" + prefix + e.getKey() + "' (was it written for another network?)");
      }
      if (!java.util.Arrays.equals(t.shape(), e.getValue().shape())) {
        throw new IOException(file + ": '" + prefix + e.getKey() + "' has shape " + java.util.Arrays.toString(t.shape())
            + ", the network has " + java.util.Arrays.toString(e.getValue().shape()));
      }
      System.arraycopy(t.toFloatArray(), 0, into, e.getValue().offset(), e.getValue().size());
    }
  }

  /** Reads the state and copies the tensors into the live arrays (same names and shapes required). */
  static State load(Path file, Map<String, NDArray> model, Map<String, NDArray> ema,
      Map<String, NDArray> adamM, Map<String, NDArray> adamV) throws IOException {
    Map<String, Tensor> tensors = Safetensors.read(file);
    Tensor stateTensor = tensors.get(STATE);
    if (stateTensor == null || stateTensor.numel() != 4) {
      throw new IOException(file + ": not a DiffPilot checkpoint (no '" + STATE + "' [4] tensor)");
    }
    long[] s = stateTensor.toLongArray();
    copy(file, tensors, "model/", model);
    copy(file, tensors, "ema/", ema);
    copy(file, tensors, "adam.m/", adamM);
    copy(file, tensors, "adam.v/", adamV);
    return new State(Math.toIntExact(s[0]), Math.toIntExact(s[1]), Math.toIntExact(s[2]), s[3]);
  }

  private static void copy(Path file, Map<String, Tensor> tensors, String prefix, Map<String, NDArray> into) throws IOException {
    for (Map.Entry<String, NDArray> e : into.entrySet()) {
      Tensor t = tensors.get(prefix + e.getKey());
      if (t == null) {
        throw new IOException(file + ": checkpoint lacks '" + prefix + e.getKey() + "' (was it written for another network?)");
      }
      if (!java.util.Arrays.equals(t.shape(), e.getValue().getShape().getShape())) {
        throw new IOException(file + ": '" + prefix + e.getKey() + "' has shape " + java.util.Arrays.toString(t.shape())
            + ", the network has " + e.getValue().getShape());
      }
      e.getValue().set(t.toFloatArray());
    }
  }
}
