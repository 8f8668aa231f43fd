package io.diffpilot.policy.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.diffpilot.core.Episode;
import io.diffpilot.core.EpisodeDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearNormalizerTest {

  @TempDir Path dir;

  private static Episode episode(int index, float[][] obs, float[][] act) {
    double[] ts = new double[act.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = i * 0.1;
    }
    return new Episode(index, "test", ts, Map.of("state", obs), act, null);
  }

  @Test
  void fittedRangeMapsDataOntoMinusOneToOne() {
    EpisodeDataset data = EpisodeDataset.of("t", List.of(
        episode(0, new float[][] {{0f, 5f}, {10f, 5f}}, new float[][] {{-2f}, {2f}}),
        episode(1, new float[][] {{4f, 5f}}, new float[][] {{1f}})));
    LinearNormalizer n = LinearNormalizer.fit(data, "state");
    float[] obs = {0f, 5f, 10f, 5f, 5f, 5f};
    n.obs().normalizeInPlace(obs);
    // dim 0 spans 0..10; dim 1 is constant 5: range_eps rule maps it to 5 − 5 = 0.
    assertThat(obs).containsExactly(new float[] {-1f, 0f, 1f, 0f, 0f, 0f}, within(1e-6f));
    float[] act = {-2f, 0f, 2f};
    n.action().normalizeInPlace(act);
    assertThat(act).containsExactly(new float[] {-1f, 0f, 1f}, within(1e-6f));
    n.action().unnormalizeInPlace(act);
    assertThat(act).containsExactly(new float[] {-2f, 0f, 2f}, within(1e-6f));
  }

  @Test
  void constantDimensionIsCentredWithRangeTwo() {
    MinMaxRange r = new MinMaxRange(new float[] {3f}, new float[] {3.00001f});
    float[] v = {4f};
    r.normalizeInPlace(v);
    assertThat(v[0]).isCloseTo(1f, within(1e-6f));
    r.unnormalizeInPlace(v);
    assertThat(v[0]).isCloseTo(4f, within(1e-6f));
  }

  @Test
  void saveLoadRoundTripIsExact() throws Exception {
    LinearNormalizer n = new LinearNormalizer(
        new MinMaxRange(new float[] {-0.1f, 1.2345678e-7f, (float) Math.PI}, new float[] {0.3f, 1e3f, 12345.679f}),
        new MinMaxRange(new float[] {Float.MIN_VALUE, -5f}, new float[] {1f / 3f, 7.123457f}));
    Path file = dir.resolve("normalizer.json");
    n.save(file);
    assertThat(LinearNormalizer.load(file)).isEqualTo(n);
  }

  @Test
  void identityLeavesValuesUnchanged() {
    float[] v = {-0.7f, 0.25f};
    LinearNormalizer.identity(2, 2).action().normalizeInPlace(v);
    assertThat(v).containsExactly(-0.7f, 0.25f);
  }

  @Test
  void malformedFilesGetErrorsNamingTheFileAndPart() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"obs\": {\"min\": [0], \"max\": [1]}}");
    assertThatThrownBy(() -> LinearNormalizer.load(file)).hasMessageContaining("bad.json").hasMessageContaining("action");
    Files.writeString(file, "{\"obs\": {\"min\": [0, 1], \"max\": [1]}, \"action\": {\"min\": [0], \"max\": [1]}}");
    assertThatThrownBy(() -> LinearNormalizer.load(file)).hasMessageContaining("\"obs\"").hasMessageContaining("dimensions");
    Files.writeString(file, "{\"obs\": {\"min\": [2], \"max\": [1]}, \"action\": {\"min\": [0], \"max\": [1]}}");
    assertThatThrownBy(() -> LinearNormalizer.load(file)).hasMessageContaining("min <= max");
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> LinearNormalizer.load(file)).hasMessageContaining("not valid JSON");
  }

  @Test
  void wrongWidthIsRejected() {
    assertThatThrownBy(() -> MinMaxRange.identity(3).normalizeInPlace(new float[4])).hasMessageContaining("width 3");
  }
}
