package io.diffpilot.policy.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.diffpilot.policy.fast.TrainableUnet1d;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.model.DenoisingNetwork;
import io.diffpilot.policy.model.NetworkFactory;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.schedule.DdpmSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training loop of the {@code java} backend: the DJL loop's steps (same initial weights from
 * DJL's seeded initialiser, same batches, same learning rates, AdamW and EMA formulas, same
 * checkpoint file) with the forward and backward of {@link TrainableUnet1d}, so a run can switch
 * backend and resume.
 */
final class JavaTrainingLoop {

  private final PolicyConfig config;
  private final TrainConfig train;
  private final NetworkFactory factory;
  private final Objective objective;

  JavaTrainingLoop(PolicyConfig config, TrainConfig train, NetworkFactory factory, Objective objective) {
    this.config = config;
    this.train = train;
    this.factory = factory;
    this.objective = objective;
  }

  /** The initial weights of the DJL backend for this seed (DJL's initialiser, on its engine's generator). */
  static Map<String, Tensor> initialWeights(PolicyConfig config, NetworkFactory factory, long seed) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed((int) seed);
      DenoisingNetwork net = factory.create(config);
      net.initialize(manager);
      Map<String, Tensor> sd = new LinkedHashMap<>();
      for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
        NDArray a = e.getValue().getArray();
        sd.put(e.getKey(), Tensor.ofFloats(a.toType(DataType.FLOAT32, false).toFloatArray(), a.getShape().getShape()));
      }
      return sd;
    }
  }

  /** Receives the EMA weights every {@code snapshotEvery} steps. */
  @FunctionalInterface
  interface Snapshots {
    void write(int step, Map<String, Tensor> emaWeights) throws IOException;
  }

  PolicyTrainer.Run run(TrainingWindows windows, DdpmSchedule schedule, CosineWarmup lrSchedule, int total, Path out,
      boolean resume, PrintStream progress, int stopAfter, Snapshots snapshots) throws IOException {
    Path checkpointFile = out.resolve(Checkpoint.FILE);
    int threads = Math.min(train.resolvedThreads(), train.batchSize());
    try (TrainableUnet1d net = TrainableUnet1d.create(config.network(), initialWeights(config, factory, train.seed()),
        config.policy().horizon(), train.batchSize(), threads)) {
      float[] params = net.parameters();
      FlatAdamW optimizer = new FlatAdamW(params.length, train.beta1(), train.beta2(), train.weightDecay());
      FlatEma ema = new FlatEma(params, train.emaPower(), train.emaMaxDecay());
      DiffusionBatch batch = new DiffusionBatch(windows, train.batchSize());
      TrainingStart start = TrainingStart.of(out, resume, train.seed(), total, progress, file -> {
        Checkpoint.State s = Checkpoint.loadFlat(file, net.layout(), params, ema.average(),
            optimizer.firstMoments(), optimizer.secondMoments());
        optimizer.restoreUpdates(s.adamUpdates());
        ema.restoreOptimizationStep(s.emaStep());
        return s;
      });
      int step = start.step();
      LossLog log = start.log();
      if (progress != null) {
        progress.println("backend java: " + threads + " thread(s), " + net.kernelName() + " kernels, "
            + params.length + " parameters");
      }
      int last = Math.min(total, stopAfter);
      TrainingProgress bar = TrainingProgress.of(progress, total, train.batchSize(), step);
      while (step < last) {
        double lr = lrSchedule.at(step);
        batch.draw(windows, schedule, objective, train.seed(), step);
        double loss = net.lossAndGradient(batch.sample, batch.timesteps, batch.data.globalCond(), batch.target,
            batch.size);
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("loss is " + loss + " at step " + (step + 1) + ": lower train.lr (" + train.lr() + ")");
        }
        optimizer.step(params, net.gradient(), lr);
        ema.update(params);
        step++;
        log.add(step, loss, lr);
        if (train.checkpointEvery() > 0 && step % train.checkpointEvery() == 0 && step < last) {
          save(checkpointFile, step, net, optimizer, ema, log, out);
        }
        if (train.snapshotEvery() > 0 && step % train.snapshotEvery() == 0) {
          snapshots.write(step, net.layout().tensors(ema.average()));
        }
        if (bar != null) {
          bar.update(step, log.recentMean(20), lr);
        }
      }
      save(checkpointFile, step, net, optimizer, ema, log, out);
      return new PolicyTrainer.Run(step, log, net.layout().tensors(ema.average()));
    }
  }

  private void save(Path file, int step, TrainableUnet1d net, FlatAdamW optimizer, FlatEma ema, LossLog log, Path out)
      throws IOException {
    Checkpoint.saveFlat(file, new Checkpoint.State(step, optimizer.updates(), ema.optimizationStep(), train.seed()),
        net.layout(), net.parameters(), ema.average(), optimizer.firstMoments(), optimizer.secondMoments());
    log.write(out.resolve(LossLog.FILE));
  }
}
