package io.diffpilot.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Smoke tests of {@code bench policy}: the DJL table and the backend rows (java vs djl vs torchscript vs torch eager) at tiny size. */
class BenchPolicyBackendsTest {

  @Test
  void benchPolicyPrintsATableWithTheTorchRatio() {
    CommandRun r = CommandRun.of("bench", "policy", "--forward-only", "--nets", "small", "--batch", "1", "--threads",
        "1", "--warmup", "1", "--iterations", "3", "--budget-seconds", "1");
    assertThat(r.code()).as(r.err()).isZero();
    String table = r.out();
    assertThat(table).contains("| net | params | batch | threads | row |");
    // small net: 64/128/256, step embedding 256, cond 40, action 2
    assertThat(table).containsPattern("\\| small \\| \\d+\\.\\d+M \\| 1 \\| 1 \\| forward \\| \\d+\\.\\d+ \\| \\d+\\.\\d+ \\| \\d+\\.\\d+ \\|");
  }

  @Test
  void benchPolicyPrintsJavaDjlAndTorchChunkRowsWithTargetsAndSoak() {
    CommandRun r = CommandRun.of("bench", "policy", "--nets", "small", "--batch", "1", "--threads", "1", "--warmup", "1",
        "--iterations", "3", "--budget-seconds", "1", "--steps", "1,10", "--chunks", "2", "--soak", "20");
    assertThat(r.code()).as(r.err()).isZero();
    String text = r.out();
    assertThat(text).contains("| backend | kind | batch | threads | DDIM steps | p50 ms |");
    assertThat(text).containsPattern("\\| java \\| chunk \\| 1 \\| 1 \\| 10 \\| \\d+\\.\\d+ \\|");
    assertThat(text).containsPattern("\\| djl \\| chunk \\| 1 \\| 1 \\| 10 \\| \\d+\\.\\d+ \\|");
    assertThat(text).containsPattern("\\| java \\| forward \\| 1 \\| 1 \\| – \\|");
    assertThat(text).contains("# soak: 20 DDIM-10 chunks, batch 1, 1 threads");
    if (text.contains("| torchscript | chunk | 1 | 1 | 10 |")) {
      assertThat(text).containsPattern("# torchscript vs java forward, batch 1: max \\|diff\\| \\S+ \\(≤ 1e-04: same net\\)");
      assertThat(text).containsPattern("target 1 thread\\(s\\), DDIM-10: java chunk p50 <= 0.5x torchscript at batch 1: .*(MET|MISSED)");
    } else {
      assertThat(text).contains("# TorchScript rows skipped");
    }
    if (text.contains("| torch-eager | chunk | 1 | 1 | 10 |")) {
      assertThat(text).contains("target 1 thread(s), batch 1, DDIM-10: java p50 / torch p50 =");
    } else {
      // Without /usr/bin/python3 + torch the command says why and prints the other backends.
      assertThat(text).containsAnyOf("PyTorch eager side skipped", "PyTorch reference skipped");
    }
  }
}
