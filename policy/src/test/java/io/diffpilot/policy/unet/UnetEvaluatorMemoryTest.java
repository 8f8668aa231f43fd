package io.diffpilot.policy.unet;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.policy.engine.ChildJvm;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Inference keeps no native memory: thousands of forwards leave the manager's array count and the
 * resident memory flat. Runs in a child JVM with a small fixed heap, because DJL copies inputs
 * through direct buffers that only a garbage collection frees: with a large heap that rarely
 * collects, RSS climbs for a long while before it levels off, which would hide (or fake) a leak.
 */
@Tag("slow")
class UnetEvaluatorMemoryTest {

  @Test
  // Warm-up (JIT, allocator pools, direct-buffer turnover) takes ~2000 forwards; after it, 12000
  // more grew RSS by 2.3 MiB when measured.
  void thousandsOfForwardsDoNotGrowNativeMemory() throws Exception {
    ChildJvm.Result r = ChildJvm.run(UnetMemoryProbe.class,
        List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-XX:MaxDirectMemorySize=32m", "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"),
        Map.of("OPT_OUT_TRACKING", "true"), 600, "2500", "3000");
    System.out.println(r.output());
    assertThat(r.exitCode()).as(r.output()).isZero();
    Matcher mt = Pattern.compile("arrays (\\d+) (\\d+) rss (\\d+) (\\d+)").matcher(r.output());
    assertThat(mt.find()).as(r.output()).isTrue();
    assertThat(r.output()).contains("same-output true");
    long arraysBefore = Long.parseLong(mt.group(1));
    long arraysAfter = Long.parseLong(mt.group(2));
    long rssBefore = Long.parseLong(mt.group(3));
    long rssAfter = Long.parseLong(mt.group(4));
    assertThat(arraysAfter).isEqualTo(arraysBefore);
    // An unscoped forward of this net leaves ~250 arrays (~100 KiB of native memory) behind:
    // 3000 of them would be ~300 MiB. The open-array count above is the exact check; 48 MiB
    // leaves room for allocator and JIT noise (16 MiB was once exceeded by 1.7 MiB) while still
    // failing far below one leaked forward per call.
    assertThat(rssAfter - rssBefore).isLessThan(48 * 1024);
  }
}
