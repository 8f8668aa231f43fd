package io.diffpilot.policy.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.backend.FastDiffusionPolicy;
import io.diffpilot.policy.fast.FastDdim;
import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.PolicyConfig;
import io.diffpilot.policy.model.PolicyLayout;
import io.diffpilot.policy.model.UnetNetwork;
import io.diffpilot.policy.schedule.DdpmSchedule;
import io.diffpilot.policy.schedule.PredictionType;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.schedule.TimestepSpacing;
import io.diffpilot.policy.train.LossLog;
import io.diffpilot.policy.train.PolicyTrainer;
import io.diffpilot.policy.train.SyntheticDataset;
import io.diffpilot.policy.train.TrainConfig;
import io.diffpilot.policy.train.TrainingWindows;
import io.diffpilot.policy.unet.UnetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distillation end to end on a tiny U-Net: trajectories, the student's training and its sampling. */
class ConsistencyDistillerTest {

  static final PolicyConfig TEACHER = new PolicyConfig(
      new UnetConfig(2, 4, 32, List.of(16, 32), 3, 8, true), new PolicyLayout("pos", 2, 2, 2, 8, 4),
      ScheduleConfig.defaults(), null);

  @TempDir static Path dir;
  static SyntheticDataset data;
  static ModelDirectory teacher;

  @BeforeAll
  static void trainTeacher() throws Exception {
    data = new SyntheticDataset(16, 30, "pos", 2, 3);
    TrainConfig train = new TrainConfig(150, 0, 16, 1e-3, 20, 1e-6, 0.95, 0.999, 7, 0, 0.75, 0.9999, "java", 1, 0);
    new PolicyTrainer(TEACHER, train, UnetNetwork.FACTORY, Device.cpu())
        .train(data, dir.resolve("teacher"), false, null, Integer.MAX_VALUE);
    teacher = ModelDirectory.load(dir.resolve("teacher"));
  }

  private static DistillSpec spec(int steps) {
    TrainConfig train = new TrainConfig(steps, 0, 16, 1e-3, 10, 1e-6, 0.95, 0.999, 11, 50, 0.75, 0.9999, "java", 1, 0);
    return new DistillSpec(256, 8, 2, 0.5, train, Map.of("type", "synthetic"));
  }

  @Test
  void anchorsAreTheTimestepsOfTrailingSamplersOfOneToMaxSteps() {
    assertThat(TeacherTrajectories.studentAnchors(100, 4)).containsExactly(99, 74, 66, 49, 32, 24);
    assertThat(TeacherTrajectories.solverTimesteps(100, 2, new int[] {99, 66})).containsExactly(99, 66, 49);
  }

  @Test
  void trajectoriesStartAtTheNoiseAndEndWhereTheTeachersDdimEnds() {
    DdpmSchedule schedule = new DdpmSchedule(teacher.config().schedule());
    TrainingWindows windows = new TrainingWindows(data, teacher.config().policy(), teacher.normalizer());
    int[] ts = {99, 49};
    try (FastUnet1d net = FastUnet1d.create(teacher.config().network(), teacher.weights(), 8, 4, 1)) {
      TeacherTrajectories tr = TeacherTrajectories.solve(net, schedule.alphasCumprod(), true, 1.0, windows, 4, ts,
          ts, 5, null);
      float[] x = new float[16];
      float[] cond = new float[4];
      float[] end = new float[16];
      float[] x49 = new float[16];
      tr.copyRow(2, 0, 0, x, cond, end);
      tr.copyRow(2, 1, 0, x49, new float[4], new float[16]);
      // The same solve by the inference sampler: trailing DDIM-2 visits exactly 99 and 49.
      float[] again = x.clone();
      new FastDdim(net, schedule.alphasCumprod(), true, 1.0).sample(again, cond, 1,
          io.diffpilot.policy.sampling.DdimSampler.timesteps(100, 2, TimestepSpacing.TRAILING), 0, null);
      for (int i = 0; i < 16; i++) {
        assertThat(again[i]).as("end point %d", i).isCloseTo(end[i], org.assertj.core.data.Offset.offset(1e-5f));
      }
      assertThat(x49).isNotEqualTo(x);
    }
  }

  @Test
  void studentLearnsTheTeachersEndPointsAndSamplesInOneStep() throws Exception {
    Path out = dir.resolve("student");
    ConsistencyDistiller.Result r = new ConsistencyDistiller(spec(300)).distill(teacher, data, out, false, null);
    assertThat(r.steps()).isEqualTo(300);
    assertThat(r.finalLoss()).as("x0 MSE, first 20 steps %s", r.firstLoss()).isLessThan(r.firstLoss() / 3);
    ModelDirectory student = ModelDirectory.load(out);
    assertThat(student.config().schedule().predictionType()).isEqualTo(PredictionType.SAMPLE);
    assertThat(student.config().inference().samplerKind()).isEqualTo(SamplerKind.CONSISTENCY);
    assertThat(student.normalizer()).isEqualTo(teacher.normalizer());
    assertThat(LossLog.read(out.resolve(LossLog.FILE), 300).entries()).hasSize(300);

    float[][] history = {{0.1f, -0.2f}, {0.15f, -0.1f}};
    try (FastDiffusionPolicy s = FastDiffusionPolicy.create(student, 1);
        FastDiffusionPolicy t = FastDiffusionPolicy.create(teacher, 1)) {
      assertThat(s.preferredSampling().sampler()).isEqualTo(SamplerKind.CONSISTENCY);
      // Over many noise draws, one student step lands nearer the teacher's 16-step chunks than
      // one teacher step does: what distillation is for.
      double studentErr = 0;
      double teacherOneStepErr = 0;
      for (int seed = 0; seed < 32; seed++) {
        float[][] ref = t.predictChunk(history, new Sampling(SamplerKind.DDIM, 16, seed));
        float[][] one = s.predictChunk(history, new Sampling(SamplerKind.CONSISTENCY, 1, seed));
        float[][] naive = t.predictChunk(history, new Sampling(SamplerKind.DDIM, 1, seed));
        float[][] two = s.predictChunk(history, new Sampling(SamplerKind.CONSISTENCY, 2, seed));
        for (int k = 0; k < ref.length; k++) {
          for (int j = 0; j < ref[k].length; j++) {
            assertThat(two[k][j]).isFinite();
            studentErr += Math.pow(one[k][j] - ref[k][j], 2);
            teacherOneStepErr += Math.pow(naive[k][j] - ref[k][j], 2);
          }
        }
      }
      assertThat(studentErr).as("student 1 step vs teacher DDIM-1 (%s)", teacherOneStepErr)
          .isLessThan(teacherOneStepErr);
    }
  }

  @Test
  void theConsistencySamplerRefusesAnEpsilonModel() throws Exception {
    try (FastDiffusionPolicy t = FastDiffusionPolicy.create(teacher, 1)) {
      assertThatThrownBy(() -> t.predictChunk(new float[][] {{0, 0}, {0, 0}}, new Sampling(SamplerKind.CONSISTENCY, 1, 0)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x0-prediction");
    }
  }

  @Test
  void distillYamlRejectsUnknownKeys() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(yaml, "distill: {trajectory: 5}\ntrain: {steps: 5}\ndataset: {type: synthetic}\n");
    assertThatThrownBy(() -> DistillSpec.read(yaml)).hasMessageContaining("unknown key 'trajectory'");
    Path good = dir.resolve("good.yaml");
    java.nio.file.Files.writeString(good, "train: {steps: 5, batch_size: 8}\ndataset: {type: synthetic}\n");
    DistillSpec s = DistillSpec.read(good);
    assertThat(s.maxSteps()).isEqualTo(4);
    assertThat(s.train().batchSize()).isEqualTo(8);
  }
}
