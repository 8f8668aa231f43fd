package io.diffpilot.policy.distill;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.train.TrainConfig;
import io.diffpilot.policy.train.TrainingSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A distillation YAML: {@code distill:} (how the teacher's trajectories are made and which step
 * counts the student serves), {@code train:} (the student's optimiser and run length, the keys of
 * a training YAML) and {@code dataset:} (whose observations condition the trajectories).
 *
 * @param trajectories teacher trajectories solved before training (each one observation window and
 *     one noise draw)
 * @param teacherSteps the teacher's solver steps (trailing spacing from t = N − 1; the anchors are
 *     added to them)
 * @param maxSteps the student serves 1 … maxSteps steps (its anchors are those steps' timesteps)
 * @param firstAnchorWeight the share of training rows at t = N − 1, the one-step case
 */
public record DistillSpec(int trajectories, int teacherSteps, int maxSteps, double firstAnchorWeight,
    TrainConfig train, Map<String, Object> dataset) {

  private static final Set<String> TOP = Set.of("distill", "train", "dataset");
  private static final Set<String> DISTILL = Set.of("trajectories", "teacher_steps", "max_steps",
      "first_anchor_weight");

  public DistillSpec {
    if (trajectories < 1 || teacherSteps < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("distill: trajectories, teacher_steps and max_steps must be >= 1");
    }
    if (!(firstAnchorWeight >= 0 && firstAnchorWeight <= 1)) {
      throw new IllegalArgumentException("distill.first_anchor_weight must be in [0, 1], got " + firstAnchorWeight);
    }
  }

  /** Parses {@code file}; errors name the file and the section. */
  public static DistillSpec read(Path file) throws IOException {
    JsonNode root = ModelDirectory.readMapping(file, "distill, train and dataset sections", "train", "dataset");
    ModelDirectory.refuseUnknownKeys(file, "unknown top-level key", root, TOP);
    JsonNode d = root.hasNonNull("distill") ? root.get("distill") : ModelDirectory.YAML.createObjectNode();
    ModelDirectory.refuseUnknownKeys(file, "section 'distill': unknown key", d, DISTILL);
    try {
      return new DistillSpec(
          d.path("trajectories").asInt(20_000),
          d.path("teacher_steps").asInt(16),
          d.path("max_steps").asInt(4),
          d.path("first_anchor_weight").asDouble(0.4),
          TrainingSpec.trainConfig(root.get("train")),
          ModelDirectory.YAML.convertValue(root.get("dataset"), new TypeReference<LinkedHashMap<String, Object>>() {}));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
