package io.diffpilot.policy.train;

import io.diffpilot.core.EpisodeDataset;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.PolicyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** Writes MODEL_CARD.md: data, configuration, steps, losses and wall time of a training run. */
final class ModelCard {

  private ModelCard() {}

  static void write(Path file, PolicyConfig config, TrainConfig train, EpisodeDataset data,
      PolicyTrainer.Result r, int plannedSteps) throws IOException {
    String yaml = ModelDirectory.YAML.writeValueAsString(config);
    String trainYaml = ModelDirectory.YAML.writeValueAsString(train);
    String md = String.format(Locale.ROOT, """
        # Diffusion policy model card

        Trained by DiffPilot (`diffpilot train`), %s.

        ## Data
        - %s
        - observation `%s` (%d dims), %d-dim actions, %d training windows (To = %d, Tp = %d, Ta = %d;
          windows padded at episode edges by repeating the edge step)
        - normalizer: per-dimension min-max to [-1, 1] fitted on these data (`normalizer.json`)

        ## Training
        - steps: %d of %d planned, batch %d (%d samples seen)
        - AdamW lr %.3g (cosine, %d warm-up steps), betas %.3g/%.3g, weight decay %.3g; EMA power %.3g, max %.5g
        - loss (mean of the first 20 steps): %.5g
        - final loss (mean of the last 20 steps): %.5g
        - wall time: %.1f s
        - weights in `weights.safetensors` are the EMA weights; `loss.csv` and `loss.png` hold the curve

        ## Configuration
        ```yaml
        %s```

        ```yaml
        train:
        %s```
        """,
        Instant.now(), data.describe(), config.policy().obsKey(), config.policy().obsDim(), config.policy().actionDim(),
        r.windows(), config.policy().obsSteps(), config.policy().horizon(), config.policy().actionSteps(),
        r.steps(), plannedSteps, train.batchSize(), (long) r.steps() * train.batchSize(),
        train.lr(), train.warmupSteps(), train.beta1(), train.beta2(), train.weightDecay(), train.emaPower(),
        train.emaMaxDecay(), r.firstLoss(), r.finalLoss(), r.wallSeconds(), yaml, trainYaml.indent(2));
    Files.writeString(file, md);
  }
}
