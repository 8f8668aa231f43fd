package io.diffpilot.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.core.SamplerKind;
import io.diffpilot.policy.schedule.BetaSchedule;
import io.diffpilot.policy.schedule.PredictionType;
import io.diffpilot.policy.schedule.ScheduleConfig;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {

  @Test
  void pushTKeypointsPresetHasThePaperSizes() {
    PolicyConfig c = PolicyConfig.pushTKeypoints();
    assertThat(c.policy().obsSteps()).isEqualTo(2);
    assertThat(c.policy().horizon()).isEqualTo(16);
    assertThat(c.policy().actionSteps()).isEqualTo(8);
    assertThat(c.policy().obsKey()).isEqualTo("keypoints");
    assertThat(c.network().globalCondDim()).isEqualTo(40);
    assertThat(c.schedule().betaSchedule()).isEqualTo(BetaSchedule.SQUAREDCOS_CAP_V2);
    assertThat(c.schedule().predictionType()).isEqualTo(PredictionType.EPSILON);
    assertThat(c.schedule().trainTimesteps()).isEqualTo(100);
    assertThat(c.inference().samplerKind()).isEqualTo(SamplerKind.DDIM);
  }

  @Test
  void missingSectionsTakeTheImportDefaults() {
    PolicyConfig c = new PolicyConfig(UnetConfig.small(2, 40), null, null, null);
    assertThat(c.policy()).isEqualTo(new PolicyLayout("obs", 20, 2, 2, 16, 8));
    assertThat(c.schedule()).isEqualTo(ScheduleConfig.defaults());
    assertThat(c.inference()).isEqualTo(InferenceConfig.defaults());
  }

  @Test
  void horizonMustBeAMultipleOfTheDownsampling() {
    UnetConfig net = new UnetConfig(2, 40, 16, List.of(8, 16, 32), 3, 4, true);
    assertThatThrownBy(() -> new PolicyConfig(net, new PolicyLayout("k", 20, 2, 2, 10, 8), null, null))
        .hasMessageContaining("policy.horizon").hasMessageContaining("multiple of 4");
  }

  @Test
  void globalConditionMustBeObsStepsTimesObsDim() {
    UnetConfig net = UnetConfig.small(2, 40);
    assertThatThrownBy(() -> new PolicyConfig(net, new PolicyLayout("k", 10, 2, 2, 16, 8), null, null))
        .hasMessageContaining("global_cond_dim");
    assertThatThrownBy(() -> new PolicyConfig(net, new PolicyLayout("k", 20, 3, 2, 16, 8), null, null))
        .hasMessageContaining("input_dim");
  }

  @Test
  void actionStepsMustFitAfterTheLastObservation() {
    assertThatThrownBy(() -> new PolicyLayout("k", 20, 2, 2, 16, 16)).hasMessageContaining("action_steps");
    assertThat(new PolicyLayout("k", 20, 2, 2, 16, 15).chunkStart()).isEqualTo(1);
  }

  @Test
  void inferenceRejectsUnknownSamplerAndDevice() {
    assertThatThrownBy(() -> new InferenceConfig("euler", 10, 0, io.diffpilot.policy.schedule.TimestepSpacing.LEADING, "cpu"))
        .hasMessageContaining("euler");
    assertThatThrownBy(() -> new InferenceConfig("ddim", 10, 0, io.diffpilot.policy.schedule.TimestepSpacing.LEADING, "tpu"))
        .hasMessageContaining("device");
  }
}
