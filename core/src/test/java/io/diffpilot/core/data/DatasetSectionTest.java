package io.diffpilot.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetSectionTest {

  private static DatasetSection section(Map<String, Object> values) {
    return new DatasetSection("lerobot", values, Path.of("/models/x"));
  }

  @Test
  void pathResolvesAgainstTheYamlFilesDirectory() {
    assertThat(section(Map.of("path", "../../data/pusht")).path()).isEqualTo(Path.of("/data/pusht"));
    assertThat(section(Map.of("path", "/abs/d")).path()).isEqualTo(Path.of("/abs/d"));
  }

  @Test
  void integersAcceptWholeNumbersAndFallBackWhenAbsentOrNull() {
    Map<String, Object> values = new HashMap<>(Map.of("first", 5, "limit", 3.0));
    values.put("seed", null);
    DatasetSection s = section(values);
    assertThat(s.integer("first", 0)).isEqualTo(5);
    assertThat(s.integer("limit", 0)).isEqualTo(3);
    assertThat(s.integer("seed", 7)).isEqualTo(7);
    assertThat(s.integer("episodes", 32)).isEqualTo(32);
    assertThat(s.has("seed")).isTrue();
    assertThat(s.has("episodes")).isFalse();
  }

  @Test
  void unknownKeysMissingPathAndNonIntegersAreNamed() {
    assertThatThrownBy(() -> section(Map.of("type", "lerobot", "limt", 3)).requireOnly(Set.of("path", "limit")))
        .hasMessageContaining("dataset (lerobot): unknown key 'limt'");
    assertThat(section(Map.of("type", "lerobot", "path", "p")).requireOnly(Set.of("path")).has("path")).isTrue();
    assertThatThrownBy(() -> section(Map.of()).path()).hasMessage("dataset (lerobot): missing 'path'");
    assertThatThrownBy(() -> section(Map.of("first", 1.5)).integer("first", 0))
        .hasMessage("dataset (lerobot): 'first' must be an integer, got 1.5");
    assertThatThrownBy(() -> section(Map.of("first", "x")).integer("first", 0)).hasMessageContaining("'first'");
  }
}
