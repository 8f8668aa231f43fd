package io.diffpilot.policy.unet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.diffpilot.policy.engine.Engines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network trains under DJL's Trainer: a fixed batch is fitted and the loss falls. */
class UnetTrainingTest {

  @Test
  void trainerFitsAFixedBatch() {
    Engines.pytorch();
    UnetConfig config = new UnetConfig(2, 4, 16, List.of(8, 16), 3, 4, true);
    try (Model model = Model.newInstance("unet", Engines.PYTORCH)) {
      ConditionalUnet1d net = new ConditionalUnet1d(config);
      model.setBlock(net);
      DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build());
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(net.exampleInputShapes(4, 8));
        NDManager m = trainer.getManager();
        m.getEngine().setRandomSeed(7);
        NDArray x = m.randomNormal(new Shape(4, 8, 2));
        NDArray t = m.create(new long[] {1, 20, 40, 80});
        NDArray g = m.randomNormal(new Shape(4, 4));
        NDArray target = m.randomNormal(new Shape(4, 8, 2));
        float first = 0;
        float last = 0;
        for (int step = 0; step < 25; step++) {
          try (NDScope scope = new NDScope(); GradientCollector gc = trainer.newGradientCollector()) {
            NDArray pred = trainer.forward(new NDList(x, t, g)).singletonOrThrow();
            NDArray loss = trainer.getLoss().evaluate(new NDList(target), new NDList(pred));
            gc.backward(loss);
            last = loss.getFloat();
            if (step == 0) {
              first = last;
            }
          }
          trainer.step(); // outside the scope: the optimizer creates its state lazily here
        }
        System.out.printf("loss %.4f -> %.4f%n", first, last);
        assertThat(last).isLessThan(first / 2);
      }
    }
  }
}
