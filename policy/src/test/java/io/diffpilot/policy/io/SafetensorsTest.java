package io.diffpilot.policy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diffpilot.policy.io.Safetensors.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

  @TempDir Path dir;

  @Test
  void roundTripIsExact() throws Exception {
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("w", Tensor.ofFloats(new float[] {1.5f, -2f, 3.25f, Float.MIN_VALUE, 0f, 7f}, 2, 3));
    in.put("t", Tensor.ofLongs(new long[] {5, 99}, 2));
    Path f = dir.resolve("x.safetensors");
    Safetensors.write(f, in, Map.of("format", "pt"));
    Map<String, Tensor> out = Safetensors.read(f);
    assertThat(out.keySet()).containsExactly("w", "t");
    assertThat(out.get("w").shape()).containsExactly(2, 3);
    assertThat(out.get("w").toFloatArray()).containsExactly(1.5f, -2f, 3.25f, Float.MIN_VALUE, 0f, 7f);
    assertThat(out.get("t").toLongArray()).containsExactly(5, 99);
  }

  @Test
  void truncatedFileNamesFileAndTensor() throws Exception {
    Path f = dir.resolve("y.safetensors");
    Safetensors.write(f, Map.of("big", Tensor.ofFloats(new float[64], 64)), null);
    byte[] b = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, Arrays.copyOf(b, b.length - 10));
    assertThatThrownBy(() -> Safetensors.read(cut)).hasMessageContaining("cut.safetensors").hasMessageContaining("'big'");
    Files.write(cut, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Safetensors.read(cut)).hasMessageContaining("not a safetensors file");
  }
}
