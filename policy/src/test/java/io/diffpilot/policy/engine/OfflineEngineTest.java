package io.diffpilot.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL never needs the network: a fresh JVM whose DJL cache directories are empty temp folders,
 * whose home is empty, and whose HTTP(S) proxy is a closed port (so any download would fail at
 * once) starts the PyTorch engine offline from the natives on the class path, and those natives
 * land in the temp folder, proving they came from the class path and not from an earlier cache.
 */
@Tag("slow")
class OfflineEngineTest {

  @TempDir Path tmp;

  @Test
  void engineStartsOfflineFromAnEmptyCache() throws Exception {
    Path djlCache = Files.createDirectories(tmp.resolve("djl-cache"));
    Path engineCache = Files.createDirectories(tmp.resolve("engine-cache"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    ChildJvm.Result r = ChildJvm.run(OfflineEngineProbe.class,
        List.of("-Dai.djl.offline=true", "-Duser.home=" + home, "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9", "-Dai.djl.pytorch.num_threads=1"),
        Map.of("DJL_CACHE_DIR", djlCache.toString(), "ENGINE_CACHE_DIR", engineCache.toString(), "DJL_OFFLINE", "true",
            "OPT_OUT_TRACKING", "true", "HOME", home.toString()),
        300);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("engine PyTorch 2.7.1").contains("sum 45.0").contains("cache " + engineCache)
        .contains("device auto cpu()");
    try (Stream<Path> files = Files.walk(engineCache)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).as("natives unpacked into the empty cache").contains("libtorch_cpu.so", "libc10.so")
          .anyMatch(n -> n.endsWith("libdjl_torch.so"));
    }
    try (Stream<Path> files = Files.walk(home)) {
      assertThat(files.filter(Files::isRegularFile).toList()).as("nothing written to the home directory").isEmpty();
    }
  }
}
