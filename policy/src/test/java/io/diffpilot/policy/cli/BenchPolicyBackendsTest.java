package io.diffpilot.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Smoke test of {@code bench policy}'s backend rows (java vs djl vs torchscript vs torch eager) at tiny size. */
class BenchPolicyBackendsTest {

  @Test
  void benchPolicyPrintsJavaDjlAndTorchChunkRowsWithTargetsAndSoak() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine root = new CommandLine(new PolicyCli.Group());
    PolicyCli.register(root);
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    int rc = root.execute("bench", "policy", "--nets", "small", "--batch", "1", "--threads", "1", "--warmup", "1",
        "--iterations", "3", "--budget-seconds", "1", "--steps", "1,10", "--chunks", "2", "--soak", "20");
    assertThat(rc).as(err.toString()).isZero();
    String text = out.toString();
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
