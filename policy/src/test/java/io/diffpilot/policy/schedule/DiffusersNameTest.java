package io.diffpilot.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DiffusersNameTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonUsesTheDiffusersSpellingBothWays() throws Exception {
    assertThat(JSON.writeValueAsString(BetaSchedule.SQUAREDCOS_CAP_V2)).isEqualTo("\"squaredcos_cap_v2\"");
    assertThat(JSON.writeValueAsString(PredictionType.EPSILON)).isEqualTo("\"epsilon\"");
    assertThat(JSON.writeValueAsString(TimestepSpacing.TRAILING)).isEqualTo("\"trailing\"");
    assertThat(JSON.readValue("\"scaled_linear\"", BetaSchedule.class)).isEqualTo(BetaSchedule.SCALED_LINEAR);
    assertThat(JSON.readValue("\"sample\"", PredictionType.class)).isEqualTo(PredictionType.SAMPLE);
    assertThat(JSON.readValue("\"leading\"", TimestepSpacing.class)).isEqualTo(TimestepSpacing.LEADING);
  }

  @Test
  void parseTrimsAndIgnoresCase() {
    assertThat(BetaSchedule.parse(" Scaled_Linear ")).isEqualTo(BetaSchedule.SCALED_LINEAR);
    assertThat(TimestepSpacing.parse("TRAILING")).isEqualTo(TimestepSpacing.TRAILING);
  }

  @Test
  void unknownSpellingNamesTheFieldAndEveryChoice() {
    assertThatThrownBy(() -> PredictionType.parse("v_prediction"))
        .hasMessage("unknown predictionType 'v_prediction' (epsilon, sample)");
    assertThatThrownBy(() -> TimestepSpacing.parse("linspace"))
        .hasMessage("unknown timestepSpacing 'linspace' (leading, trailing)");
  }
}
