package io.diffpilot.policy.fast;

/**
 * diffusion_policy's {@code diffusion_step_encoder}: sinusoidal embedding of the timestep →
 * Linear(d, 4d) → Mish → Linear(4d, d), written into the first d columns of each row of the
 * network's condition buffer (the global condition follows it there).
 */
final class StepEncoder {

  private final int dim;
  private final Gemm gemm;
  private final float[] frequencies;
  private final float[] embedding;
  private final float[] hidden;
  private final GemmStage first;
  private final GemmStage second;
  private final WorkerPool.Task firstTask = this::firstPart;
  private final WorkerPool.Task secondTask = this::secondPart;
  private int batch;

  /**
   * @param cond the condition buffer {@code [maxBatch, condDim]}; columns {@code [0, dim)} receive the encoding
   */
  /**
   * The {@code dim / 2} frequencies of diffusion_policy's SinusoidalPosEmb, exp(−i · ln 10000 /
   * (half − 1)), rounded as its float32 arithmetic rounds them; the training lane shares them.
   */
  static float[] frequencies(int dim) {
    int half = dim / 2;
    float[] f = new float[half];
    float negLogScale = (float) (-Math.log(10000) / (half - 1));
    for (int i = 0; i < half; i++) {
      f[i] = (float) Math.exp((float) i * negLogScale);
    }
    return f;
  }

  StepEncoder(CheckedStateDict w, int dim, Gemm gemm, int maxBatch, float[] cond, int condDim) {
    this.dim = dim;
    this.gemm = gemm;
    frequencies = frequencies(dim);
    embedding = new float[maxBatch * dim];
    hidden = new float[maxBatch * 4 * dim];
    first = GemmStage.linear(w.linear("diffusion_step_encoder.1", 4 * dim, dim), embedding, dim,
        hidden, 4 * dim, 0, maxBatch);
    second = GemmStage.linear(w.linear("diffusion_step_encoder.3", dim, 4 * dim), hidden, 4 * dim,
        cond, condDim, 0, maxBatch);
  }

  /**
   * Row b of {@code embedding} ([batch][dim]) = [sin(t·f) | cos(t·f)] for t = {@code timesteps[first + b]}.
   */
  static void embed(long[] timesteps, int first, int batch, float[] frequencies, float[] embedding, int dim) {
    int half = frequencies.length;
    for (int b = 0; b < batch; b++) {
      float step = (float) timesteps[first + b];
      for (int i = 0; i < half; i++) {
        float arg = step * frequencies[i];
        embedding[b * dim + i] = (float) Math.sin(arg);
        embedding[b * dim + half + i] = (float) Math.cos(arg);
      }
    }
  }

  /** Encodes {@code timesteps[0 .. batch)}. */
  void run(WorkerPool pool, long[] timesteps, int batch) {
    this.batch = batch;
    embed(timesteps, 0, batch, frequencies, embedding, dim);
    pool.invoke(firstTask);
    pool.invoke(secondTask);
  }

  private void firstPart(int part, int parts) {
    int panels = first.panels();
    int p0 = panels * part / parts;
    int p1 = panels * (part + 1) / parts;
    first.run(gemm, batch, p0, p1);
    int width = 4 * dim;
    int mr = gemm.panelWidth();
    int o1 = Math.min(width, p1 * mr);
    for (int b = 0; b < batch; b++) {
      for (int o = p0 * mr; o < o1; o++) {
        hidden[b * width + o] = GroupNormMish.mish(hidden[b * width + o]);
      }
    }
  }

  private void secondPart(int part, int parts) {
    int panels = second.panels();
    second.run(gemm, batch, panels * part / parts, panels * (part + 1) / parts);
  }
}
