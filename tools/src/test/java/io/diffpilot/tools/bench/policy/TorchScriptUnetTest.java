package io.diffpilot.tools.bench.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.RandomStateDict;
import io.diffpilot.policy.unet.UnetConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The torchscript rows of {@code bench policy} time the same network as the java backend: the
 * small net with random weights, traced by Debian's torch and run by DJL's libtorch, gives the
 * java forward within 1e-4 at batch 1 and 3. Skips where {@code /usr/bin/python3} lacks torch.
 */
class TorchScriptUnetTest {

  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  void tracedSmallNetEqualsTheJavaForward(@TempDir Path dir) throws Exception {
    String why = TorchScriptUnet.whyUnavailable(PYTHON);
    assumeTrue(why == null, () -> "skipped: " + why);
    UnetConfig cfg = UnetConfig.small(2, 20);
    int horizon = 16;
    Map<String, Safetensors.Tensor> sd = RandomStateDict.of(cfg, 21);
    Path pt = TorchScriptUnet.trace(PYTHON, cfg, sd, horizon, dir);
    try (TorchScriptUnet net = TorchScriptUnet.load(pt, cfg, horizon, 3)) {
      for (int batch : new int[] {1, 3}) {
        double diff = TorchScriptRows.maxAbsDiffToJava(net, sd, batch);
        System.out.printf("batch %d: max |torchscript - java| %.3g%n", batch, diff);
        assertThat(diff).as("max |torchscript - java| at batch %d", batch).isLessThanOrEqualTo(1e-4);
      }
    }
  }
}
