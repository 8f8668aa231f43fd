package io.diffpilot.policy.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.io.Safetensors.Tensor;
import io.diffpilot.policy.model.DenoisingNetwork;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkFactory;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.normalize.LinearNormalizer;
import io.diffpilot.policy.schedule.DdpmSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a diffusion policy on episodes the way diffusion_policy's {@code train_diffusion_unet_lowdim}
 * does: a window [To obs, Tp actions] per sample, t ~ U{0 … N−1}, x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε,
 * MSE between the network output and ε (or x₀), AdamW with cosine warm-up, EMA of the weights.
 *
 * <p>Writes into the output directory: the model directory (config.yaml, EMA weights,
 * normalizer.json), {@code checkpoint.safetensors} every checkpointEvery steps and at the end
 * (atomic), {@code loss.csv}, {@code loss.png} and {@code MODEL_CARD.md}.
 *
 * <p>Determinism: DJL's engine seed fixes the initial weights; step k draws its windows, noise
 * and timesteps from a generator seeded by (seed, k), so a resumed run draws what the
 * uninterrupted run would have drawn.
 */
public final class PolicyTrainer {

  private final PolicyConfig config;
  private final TrainConfig train;
  private final NetworkFactory factory;
  private final Device device;
  private final Objective objective;

  public PolicyTrainer(PolicyConfig config, TrainConfig train, NetworkFactory factory, Device device) {
    this(config, train, factory, device, Objective.DIFFUSION);
  }

  /**
   * A trainer with an explicit objective: {@link Objective#DIFFUSION} (what the other constructor
   * does) or {@link Objective#REGRESSION}, the same network fitted to the actions directly (the
   * multimodality contrast; load its output with {@code RegressionPolicy}).
   */
  public PolicyTrainer(PolicyConfig config, TrainConfig train, NetworkFactory factory, Device device, Objective objective) {
    this.objective = Objects.requireNonNull(objective, "objective");
    this.config = Objects.requireNonNull(config, "config");
    this.train = Objects.requireNonNull(train, "train");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.device = Objects.requireNonNull(device, "device");
  }

  /** What a finished run reports. */
  public record Result(int steps, int windows, double firstLoss, double finalLoss, double wallSeconds, Path outDir) {}

  /**
   * Trains on {@code data} into {@code out}.
   *
   * @param resume continue from {@code out/checkpoint.safetensors} when it exists
   * @param progress where the progress bar goes (stderr in the CLI), or null for none
   * @param stopAfter stop (with a checkpoint) once this many steps are done in total, even if the
   *     run is longer; Integer.MAX_VALUE for no early stop (tests use it to simulate an interruption)
   */
  public Result train(EpisodeDataset data, Path out, boolean resume, PrintStream progress, int stopAfter) throws IOException {
    long startNanos = System.nanoTime();
    Files.createDirectories(out);
    LinearNormalizer normalizer = LinearNormalizer.fit(data, config.policy().obsKey());
    TrainingWindows windows = new TrainingWindows(data, config.policy(), normalizer);
    int total = train.totalSteps(windows.size());
    DdpmSchedule schedule = new DdpmSchedule(config.schedule());
    CosineWarmup lrSchedule = new CosineWarmup(train.lr(), train.warmupSteps(), total);

    Run run = TrainingBackend.JAVA.equals(backend())
        ? new JavaTrainingLoop(config, train, factory, objective).run(windows, schedule, lrSchedule, total, out, resume,
            progress, stopAfter, (step, ema) -> new ModelDirectory(config, ema, normalizer)
                .save(out.resolve("snapshots").resolve(String.format(java.util.Locale.ROOT, "step-%07d", step))))
        : djlLoop(windows, schedule, lrSchedule, total, out, resume, progress, stopAfter);
    new ModelDirectory(config, run.emaWeights(), normalizer).save(out);
    LossLog log = run.log();
    LossPlot.write(out.resolve("loss.png"), log.entries(), "training loss (" + data.describe() + ")");
    double wall = (System.nanoTime() - startNanos) / 1e9;
    double first = log.entries().isEmpty() ? Double.NaN : log.entries().subList(0, Math.min(20, log.entries().size()))
        .stream().mapToDouble(LossLog.Entry::loss).average().orElse(Double.NaN);
    Result result = new Result(run.step(), windows.size(), first, log.recentMean(20), wall, out);
    ModelCard.write(out.resolve("MODEL_CARD.md"), config, train, data, result, total);
    return result;
  }

  /** What a backend's loop leaves: the step reached, the loss log and the EMA weights by state dict name. */
  record Run(int step, LossLog log, Map<String, Tensor> emaWeights) {}

  /**
   * The backend this trainer uses: the YAML's {@code train.backend}, with {@code auto} meaning
   * {@code java} when the network is diffusion_policy's U-Net and the Vector API is present.
   */
  public String backend() {
    return TrainingBackend.resolve(train.backend(), factory == UnetNetwork.FACTORY);
  }

  private Run djlLoop(TrainingWindows windows, DdpmSchedule schedule, CosineWarmup lrSchedule, int total, Path out,
      boolean resume, PrintStream progress, int stopAfter) throws IOException {
    Path checkpointFile = out.resolve(Checkpoint.FILE);
    try (NDManager manager = NDManager.newBaseManager(device)) {
      Engine.getInstance().setRandomSeed((int) train.seed());
      DenoisingNetwork net = factory.create(config);
      net.initialize(manager);
      Map<String, Parameter> params = net.namedParameters();
      Map<String, NDArray> modelArrays = new LinkedHashMap<>();
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        e.getValue().getArray().setRequiresGradient(true);
        modelArrays.put(e.getKey(), e.getValue().getArray());
      }
      AdamW optimizer = new AdamW(params, manager, train.beta1(), train.beta2(), train.weightDecay());
      EmaModel ema = new EmaModel(params, manager, train.emaPower(), train.emaMaxDecay());
      ParameterStore store = new ParameterStore(manager, false);
      DiffusionBatch batch = new DiffusionBatch(windows, train.batchSize());

      TrainingStart start = TrainingStart.of(out, resume, train.seed(), total, progress, file -> {
        Checkpoint.State s = Checkpoint.load(file, modelArrays, ema.averages(),
            optimizer.firstMoments(), optimizer.secondMoments());
        net.parametersChanged();
        optimizer.restoreUpdates(s.adamUpdates());
        ema.restoreOptimizationStep(s.emaStep());
        return s;
      });
      int step = start.step();
      LossLog log = start.log();

      int last = Math.min(total, stopAfter);
      TrainingProgress bar = TrainingProgress.of(progress, total, train.batchSize(), step);
      while (step < last) {
        double lr = lrSchedule.at(step);
        batch.draw(windows, schedule, objective, train.seed(), step);
        double loss = forwardBackward(net, store, manager, batch.sample, batch.timesteps, batch.data.globalCond(),
            batch.target, batch.size);
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("loss is " + loss + " at step " + (step + 1) + ": lower train.lr (" + train.lr() + ")");
        }
        optimizer.step(lr);
        net.parametersChanged();
        ema.update();
        step++;
        log.add(step, loss, lr);
        if (train.checkpointEvery() > 0 && step % train.checkpointEvery() == 0 && step < last) {
          saveCheckpoint(checkpointFile, step, optimizer, ema, modelArrays, log, out);
        }
        if (bar != null) {
          bar.update(step, log.recentMean(20), lr);
        }
      }
      saveCheckpoint(checkpointFile, step, optimizer, ema, modelArrays, log, out);

      Map<String, Tensor> emaWeights = new LinkedHashMap<>();
      for (Map.Entry<String, NDArray> e : ema.averages().entrySet()) {
        emaWeights.put(e.getKey(), Tensor.ofFloats(e.getValue().toFloatArray(), e.getValue().getShape().getShape()));
      }
      return new Run(step, log, emaWeights);
    }
  }

  private double forwardBackward(DenoisingNetwork net, ParameterStore store, NDManager manager, float[] noisy,
      long[] timesteps, float[] globalCond, float[] target, int b) {
    Shape sampleShape = new Shape(b, config.policy().horizon(), config.policy().actionDim());
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray x = manager.create(noisy, sampleShape);
      NDArray t = manager.create(timesteps);
      NDArray cond = manager.create(globalCond, new Shape(b, config.network().globalCondDim()));
      NDArray y = manager.create(target, sampleShape);
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        NDArray pred = net.forward(store, x, t, cond, true);
        NDArray loss = pred.sub(y).square().mean();
        collector.backward(loss);
        return loss.getFloat();
      }
    }
  }

  private void saveCheckpoint(Path file, int step, AdamW optimizer, EmaModel ema, Map<String, NDArray> model,
      LossLog log, Path out) throws IOException {
    Checkpoint.save(file, new Checkpoint.State(step, optimizer.updates(), ema.optimizationStep(), train.seed()),
        model, ema.averages(), optimizer.firstMoments(), optimizer.secondMoments());
    log.write(out.resolve(LossLog.FILE));
  }
}
