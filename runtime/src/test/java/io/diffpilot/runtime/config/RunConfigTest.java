package io.diffpilot.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.MergeRule;
import io.diffpilot.runtime.control.ObservationRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
  private static final Path EXAMPLES = Path.of("..", "launch", "config");

  @TempDir
  Path dir;

  @Test
  void remoteExampleNamesTheServedModelAndItsLayout() throws IOException {
    RunConfig remote = RunConfig.load(EXAMPLES.resolve("pusht-remote.yaml"));
    assertThat(remote.policy().remote().model()).isEqualTo("pusht");
    assertThat(remote.policy().remote().obsDim()).isEqualTo(20);
    assertThat(remote.policy().remote().group()).isEqualTo("diffpilot");
    assertThat(remote.policy().modelDir()).isNull();
  }

  @Test
  void remoteWithoutLayoutIsAClearError() {
    assertThatThrownBy(() -> new RunConfig.Remote("pusht", 2, null, 8, 2, null, null))
        .hasMessageContaining("obs_dim");
  }

  @Test
  void everyExampleConfigParses() throws IOException {
    RunConfig fake = RunConfig.load(EXAMPLES.resolve("fake-embedded.yaml"));
    assertThat(fake.broker().embedded()).isTrue();
    assertThat(fake.broker().embeddedPort()).isEqualTo(1883);
    assertThat(fake.toControlConfig(2).budgetNanos()).isEqualTo(80_000_000L);

    RunConfig pusht = RunConfig.load(EXAMPLES.resolve("pusht-mosquitto-tls.yaml"));
    assertThat(pusht.policy().modelDir().isAbsolute()).isTrue();
    assertThat(pusht.policy().modelDir().normalize().toString()).endsWith("models/pusht-keypoints");
    ControlConfig cc = pusht.toControlConfig(2);
    assertThat(cc.limits().upper()).containsExactly(512, 512);

    RunConfig arm = RunConfig.load(EXAMPLES.resolve("arm-mosquitto.yaml"));
    ControlConfig armCc = arm.toControlConfig(6);
    assertThat(armCc.mergeRule()).isEqualTo(MergeRule.EXPONENTIAL);
    assertThat(armCc.stepNanos()).isEqualTo(50_000_000L);
    assertThat(armCc.limits().dim()).isEqualTo(6);
  }

  @Test
  void everyExampleThatNamesABundledModelNamesOneThatExists() throws IOException {
    for (String name : new String[] {"pusht-embedded.yaml", "pusht-mosquitto-tls.yaml"}) {
      Path model = RunConfig.load(EXAMPLES.resolve(name)).policy().modelDir();
      assertThat(model.resolve("config.yaml")).as(name + " names " + model).isRegularFile();
    }
  }

  @Test
  void observationRulesDefaultFromTheTimingAndCanBeSet() throws IOException {
    ObservationRules d = withSafety("{staleness_ms: 600, watchdog_ms: 1000}").toControlConfig(2).observationRules();
    assertThat(d.futureToleranceNanos()).isEqualTo(200_000_000L);
    assertThat(d.resyncSilenceNanos()).isEqualTo(500_000_000L);
    assertThat(d.resyncAfterRejections()).isEqualTo(3);
    assertThat(d.maxSequenceGap()).isEqualTo(1_000_000L);

    RunConfig set = withSafety("{future_tolerance_ms: 50, max_sequence_gap: 100, resync_after_rejections: 5,"
        + " resync_silence_ms: 400}");
    assertThat(set.toControlConfig(2).observationRules())
        .isEqualTo(new ObservationRules(50_000_000L, 100, 5, 400_000_000L));

    RunConfig wrong = withSafety("{staleness_ms: 300, future_tolerance_ms: 300}");
    assertThatThrownBy(() -> wrong.toControlConfig(2)).hasMessageContaining("below the staleness");
  }

  @Test
  void aTypoIsRejectedNamingTheKey() throws IOException {
    Path f = write("robot_id: r\npolicy: {fake: {obs_steps: 1, obs_dim: 2, action_steps: 4, action_dim: 2, step_cost_ms: 0}}\n"
        + "broker: {url: embedded}\ncontrol: {budgt_ms: 10}\n");
    assertThatThrownBy(() -> RunConfig.load(f)).isInstanceOf(IOException.class).hasMessageContaining("budgt_ms");
  }

  @Test
  void missingRobotAndAmbiguousPolicyAreClearErrors() throws IOException {
    Path noRobot = write("policy: {fake: {obs_steps: 1, obs_dim: 2, action_steps: 4, action_dim: 2, step_cost_ms: 0}}\n"
        + "broker: {url: embedded}\n");
    assertThatThrownBy(() -> RunConfig.load(noRobot)).hasMessageContaining("robot_id is required");
    Path both = write("robot_id: r\npolicy: {model_dir: m, fake: {obs_steps: 1, obs_dim: 2, action_steps: 4, action_dim: 2,"
        + " step_cost_ms: 0}}\nbroker: {url: embedded}\n");
    assertThatThrownBy(() -> RunConfig.load(both)).hasMessageContaining("exactly one of model_dir, fake and remote");
  }

  @Test
  void limitsOfTheWrongWidthAreRejected() throws IOException {
    Path f = write("robot_id: r\npolicy: {fake: {obs_steps: 1, obs_dim: 2, action_steps: 4, action_dim: 2, step_cost_ms: 0}}\n"
        + "broker: {url: embedded}\nsafety: {lower: [0, 0, 0], upper: [1, 1, 1]}\n");
    RunConfig rc = RunConfig.load(f);
    assertThatThrownBy(() -> rc.toControlConfig(2)).hasMessageContaining("safety.lower has 3 values");
  }

  @Test
  void passwordComesFromTheEnvironmentOnlyIfSet() throws IOException {
    Path f = write("robot_id: r\npolicy: {fake: {obs_steps: 1, obs_dim: 2, action_steps: 4, action_dim: 2, step_cost_ms: 0}}\n"
        + "broker: {url: 'tcp://127.0.0.1:1', username: u, password_env: DIFFPILOT_TEST_SURELY_UNSET}\n");
    RunConfig rc = RunConfig.load(f);
    assertThatThrownBy(() -> rc.broker().toBrokerConfig()).hasMessageContaining("DIFFPILOT_TEST_SURELY_UNSET");
  }

  /** A fake policy on the embedded broker with {@code safety} as its safety block, loaded. */
  private RunConfig withSafety(String safety) throws IOException {
    return RunConfig.load(write("""
        robot_id: r
        policy: {fake: {obs_steps: 2, obs_dim: 2, action_steps: 8, action_dim: 2, step_cost_ms: 1}}
        broker: {url: embedded}
        safety: %s
        """.formatted(safety)));
  }

  private Path write(String yaml) throws IOException {
    Path f = Files.createTempFile(dir, "run", ".yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
