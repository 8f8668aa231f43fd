package io.diffpilot.tools.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.diffpilot.core.Observation;
import io.diffpilot.runtime.mqtt.Decoded;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.ProtobufCodec;
import io.diffpilot.runtime.mqtt.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution tarballs that {@code mvn package} builds in tools/target (profile dist in
 * tools/pom.xml) hold everything a JRE 17 needs, with no network: the x86_64 one is unpacked
 * with tar into an empty folder and its launcher serves the simulated robot from a folder outside
 * the repository (see {@link IsolatedLauncher} for the isolation); the aarch64 one, which no
 * machine here can run, is read as a stream and must hold AArch64 libtorch, the same jars
 * otherwise, and the same launcher, configs and model.
 *
 * <p>Tarballs missing or older than the tools jar (a {@code -Ddist.skip} build) skip these tests
 * with a message, and fail them under CI=true (the pattern of RequiredTools, with its own reason).
 */
class DistributionIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
  /** Platform-specific jars: DJL's PyTorch natives and netty's epoll transport. */
  private static final Pattern PLATFORM_JAR = Pattern.compile(".*-linux-(x86_64|aarch64)\\.jar");

  @TempDir
  static Path dir;

  private static String version;
  /** lib/ jar names of the PyTorch natives and the JNI bridge, e.g. pytorch-native-cpu-2.7.1-linux-x86_64.jar. */
  private static String x86Natives;
  private static String aarch64Natives;
  private static String jni;
  private static Path aarch64Tarball;
  /** The unpacked {@code diffpilot-<version>} folder of the x86_64 tarball. */
  private static Path root;

  /** Why the tarballs cannot be checked (missing or stale), or null when they can. */
  private static String notBuilt;

  @BeforeAll
  static void unpackTheX8664TarballIntoAnEmptyFolder() throws Exception {
    Path distDir = Path.of(System.getProperty("diffpilot.dist.dir", "target"));
    version = System.getProperty("diffpilot.dist.version", "0.1.0");
    String pytorch = System.getProperty("diffpilot.dist.pytorchNative", "2.7.1");
    x86Natives = "pytorch-native-cpu-" + pytorch + "-linux-x86_64.jar";
    aarch64Natives = "pytorch-native-cpu-" + pytorch + "-linux-aarch64.jar";
    jni = "pytorch-jni-" + System.getProperty("diffpilot.dist.pytorchJni", "2.7.1-0.36.0") + ".jar";
    Path toolsJar = Path.of(System.getProperty("diffpilot.dist.toolsJar", "target/diffpilot-tools.jar"));
    Path x86Tarball = distDir.resolve("diffpilot-" + version + "-linux-x86_64.tar.gz");
    aarch64Tarball = distDir.resolve("diffpilot-" + version + "-linux-aarch64.tar.gz");
    if (!freshlyBuilt(x86Tarball, toolsJar) || !freshlyBuilt(aarch64Tarball, toolsJar)) {
      notBuilt = "distribution tarballs " + x86Tarball.getFileName() + " and " + aarch64Tarball.getFileName() + " in "
          + distDir + " missing or older than " + toolsJar.getFileName() + " (a -Ddist.skip build?): "
          + "`mvn package` builds them";
      return;
    }

    Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
    // GNU tar, as a user would unpack it: modes (bin/diffpilot's 0755) and PAX long names as tar sees them.
    Process tar = new ProcessBuilder("tar", "-xzf", x86Tarball.toString(), "-C", unpacked.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("tar.log").toFile()).start();
    if (!tar.waitFor(2, TimeUnit.MINUTES)) {
      tar.destroyForcibly();
      throw new AssertionError("tar -xzf " + x86Tarball + " still running after 2 min, killed");
    }
    assertThat(tar.exitValue()).as("tar -xzf %s: %s", x86Tarball, Files.readString(dir.resolve("tar.log"))).isZero();
    try (Stream<Path> top = Files.list(unpacked)) {
      assertThat(top.map(p -> p.getFileName().toString()).toList())
          .as("the tarball unpacks into one folder").containsExactly("diffpilot-" + version);
    }
    // Real path: the launcher resolves its own folder with readlink -f and prints models from there.
    root = unpacked.resolve("diffpilot-" + version).toRealPath();
  }

  /** Each test, not the class, skips: so the report counts them as skipped, with the reason. */
  @BeforeEach
  void requireTheTarballs() {
    if (notBuilt != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(notBuilt + " (CI=true: the CI build must check the distribution; drop -Ddist.skip)");
    }
    assumeTrue(notBuilt == null, notBuilt);
  }

  @Test
  void x8664TarballHoldsLauncherX8664NativesConfigsAndModel() throws IOException {
    Path launcher = root.resolve("bin/diffpilot");
    assertThat(launcher).isRegularFile().isExecutable();
    SortedSet<String> jars = fileNames(root.resolve("lib"));
    // The entry point (tools, the top module) and the runtime beside it, as a dependency.
    assertThat(jars).contains("diffpilot-tools.jar", "diffpilot-runtime-" + version + ".jar", x86Natives, jni).noneMatch(j -> j.endsWith("-linux-aarch64.jar"));
    try (InputStream in = Files.newInputStream(root.resolve("lib").resolve(x86Natives))) {
      Map<String, Integer> libs = NativeLibraries.machines(in, "lib/" + x86Natives);
      assertThat(libs).as("shared libraries of the x86_64 natives").isNotEmpty()
          .containsKey("lib/" + x86Natives + "!/pytorch/cpu/linux-x86_64/libtorch_cpu.so")
          .allSatisfy((lib, machine) -> assertThat(ElfHeader.name(machine)).as(lib).isEqualTo("x86_64"));
    }
    assertThat(root.resolve("models/pusht-keypoints")).isDirectory();
    assertThat(root.resolve("models/pusht-keypoints/weights.safetensors")).isNotEmptyFile();
    assertThat(root.resolve("launch/config")).isDirectory();
    // Every file of the repository's launch/ and models/ folders ships, none left behind.
    Path repo = Path.of("").toAbsolutePath().getParent();
    for (String folder : List.of("launch", "models")) {
      assertThat(relativeFiles(root.resolve(folder))).as(folder + "/ in the tarball vs the repository")
          .isEqualTo(relativeFiles(repo.resolve(folder)));
    }
  }

  @Test
  void quickstartServesTheSimulatedRobotFromAnEmptyHomeOffline() throws Exception {
    try (IsolatedLauncher diffpilot = new IsolatedLauncher(root, Files.createDirectory(dir.resolve("quickstart")))) {
      Path out = dir.resolve("quickstart/out");
      IsolatedLauncher.Finished qs = diffpilot.run("quickstart", COMMAND_TIMEOUT,
          "quickstart", "--episodes", "1", "--max-steps", "20", "--out", out.toString());
      System.out.println("bin/diffpilot quickstart:\n" + qs.output());
      assertThat(qs.exitCode()).as(IsolatedLauncher.tail(qs.output())).isZero();
      // Not the scripted stand-in: the bundled model was found from a folder outside the install.
      assertThat(qs.output()).contains("policy: diffusion policy from " + root.resolve("models/pusht-keypoints"))
          .contains("episode 0 (seed 100000): 20 steps").contains("latency observation -> chunk");
      assertThat(new String(Files.readAllBytes(out.resolve("rollout.gif")), StandardCharsets.ISO_8859_1)).startsWith("GIF8");
      assertThat(out.resolve("REPORT.md")).isNotEmptyFile();
      assertThat(relativeFiles(diffpilot.home())).as("written to the empty HOME").isEmpty();
    }
  }

  @Test
  void quickstartOnTheDjlBackendLoadsTheBundledLibtorchOffline() throws Exception {
    try (IsolatedLauncher diffpilot = new IsolatedLauncher(root, Files.createDirectory(dir.resolve("djl")))) {
      // The bundled model's backend "auto" picks the Java kernels where the Vector API runs, which
      // never loads libtorch; a copy set to "djl" makes the quickstart load DJL's natives from lib/.
      Path model = copyWithBackend(root.resolve("models/pusht-keypoints"), dir.resolve("djl/model-djl"), "djl");
      IsolatedLauncher.Finished qs = diffpilot.run("quickstart-djl", COMMAND_TIMEOUT,
          "quickstart", "--episodes", "1", "--max-steps", "20", "--model", model.toString(),
          "--out", dir.resolve("djl/out").toString());
      System.out.println("bin/diffpilot quickstart (DJL backend):\n" + qs.output());
      assertThat(qs.exitCode()).as(IsolatedLauncher.tail(qs.output())).isZero();
      assertThat(qs.output()).contains("policy: diffusion policy from " + model).doesNotContain("UnsatisfiedLinkError");
      // DJL extracted libtorch from lib/pytorch-native-cpu-*-linux-x86_64.jar into the empty cache.
      List<Path> extracted = new ArrayList<>();
      for (Path cache : List.of(diffpilot.engineCache(), diffpilot.djlCache())) {
        try (Stream<Path> s = Files.walk(cache)) {
          s.filter(p -> p.getFileName().toString().equals("libtorch_cpu.so")).forEach(extracted::add);
        }
      }
      assertThat(extracted).as("libtorch_cpu.so extracted into the DJL caches").hasSize(1);
      assertThat(extracted.get(0).toString()).contains("cpu-linux-x86_64");
      try (InputStream in = Files.newInputStream(extracted.get(0))) {
        assertThat(ElfHeader.machine(in, extracted.get(0).toString())).isEqualTo(ElfHeader.EM_X86_64);
      }
      assertThat(relativeFiles(diffpilot.home())).as("written to the empty HOME").isEmpty();
    }
  }

  @Test
  void simRobotPublishesObservationsToABrokerTheTestStarted() throws Exception {
    Topics topics = Topics.of("distit");
    ProtobufCodec codec = new ProtobufCodec();
    List<Observation> observations = new CopyOnWriteArrayList<>();
    List<String> malformed = new CopyOnWriteArrayList<>();
    try (EmbeddedBroker broker = EmbeddedBroker.start(0);
        IsolatedLauncher diffpilot = new IsolatedLauncher(root, Files.createDirectory(dir.resolve("sim-robot")))) {
      MqttClient subscriber = new MqttClient(broker.url(), "dist-it-" + UUID.randomUUID(), new MemoryPersistence());
      try {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        subscriber.connect(options);
        // Returns once the broker acknowledged: no observation can be published before it.
        subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(topics.observation(), Topics.OBSERVATION_QOS)},
            new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) -> {
          Decoded<Observation> d = codec.decodeObservation(message.getPayload(), topics.robotId());
          if (d.isOk()) {
            observations.add(d.value());
          } else {
            malformed.add(d.rejection());
          }
        }});
        IsolatedLauncher.Finished robot = diffpilot.run("sim-robot", COMMAND_TIMEOUT, "sim-robot",
            "--broker", broker.url(), "--robot-id", topics.robotId(), "--episodes", "1", "--max-steps", "10");
        System.out.println("bin/diffpilot sim-robot:\n" + robot.output());
        assertThat(robot.exitCode()).as(IsolatedLauncher.tail(robot.output())).isZero();
        assertThat(robot.output()).contains("episode 0 (seed 100000): 10 steps");
      } finally {
        if (subscriber.isConnected()) {
          subscriber.disconnect();
        }
        subscriber.close();
      }
    }
    System.out.println("observations received from the unpacked sim-robot: " + observations.size());
    assertThat(malformed).isEmpty();
    // One per 100 ms step; QoS 0 on loopback loses none in practice, but only "some" is promised.
    assertThat(observations).isNotEmpty().allSatisfy(o -> assertThat(o.state()).hasSize(5));
    assertThat(observations).extracting(Observation::sequence).isSorted();
  }

  @Test
  void aarch64TarballHoldsAarch64LibtorchAndOtherwiseTheSameFiles() throws IOException {
    TarballContents arm = TarballContents.read(aarch64Tarball, "diffpilot-" + version,
        jar -> jar.equals("lib/" + aarch64Natives) || jar.equals("lib/" + jni));

    assertThat(arm.entries()).containsKey("bin/diffpilot");
    assertThat(arm.entries().get("bin/diffpilot") & 0111).as("bin/diffpilot mode %o", arm.entries().get("bin/diffpilot"))
        .isEqualTo(0111);
    assertThat(arm.libJars()).contains(aarch64Natives, jni).noneMatch(j -> j.contains("x86_64"));
    String nativeJar = "lib/" + aarch64Natives + "!/";
    assertThat(arm.libraries()).containsKey(nativeJar + "pytorch/cpu/linux-aarch64/libtorch_cpu.so");
    arm.libraries().forEach((lib, machine) -> {
      if (lib.startsWith(nativeJar)) {
        assertThat(ElfHeader.name(machine)).as(lib).isEqualTo("aarch64");
      }
    });
    // The JNI bridge is one jar for every platform; DJL loads its linux-aarch64 build there.
    assertThat(arm.libraries()).hasEntrySatisfying(
        "lib/" + jni + "!/jnilib/linux-aarch64/cpu/libdjl_torch.so",
        machine -> assertThat(ElfHeader.name(machine)).isEqualTo("aarch64"));

    // Apart from the platform jars, the same jars as the x86_64 tarball ...
    assertThat(withoutPlatformJars(arm.libJars())).isEqualTo(withoutPlatformJars(fileNames(root.resolve("lib"))));
    // ... and the same launcher, configs, ROS package, model and README.
    SortedSet<String> armOther = new TreeSet<>();
    arm.entries().keySet().stream().filter(p -> !p.endsWith("/") && !p.startsWith("lib/")).forEach(armOther::add);
    SortedSet<String> x86Other = relativeFiles(root);
    x86Other.removeIf(p -> p.startsWith("lib/"));
    assertThat(armOther).contains("launch/config/pusht-embedded.yaml", "models/pusht-keypoints/config.yaml")
        .isEqualTo(x86Other);
  }

  private static boolean freshlyBuilt(Path tarball, Path toolsJar) throws IOException {
    if (!Files.isRegularFile(tarball)) {
      return false;
    }
    FileTime built = Files.getLastModifiedTime(tarball);
    return !Files.exists(toolsJar) || built.compareTo(Files.getLastModifiedTime(toolsJar)) >= 0;
  }

  private static SortedSet<String> withoutPlatformJars(SortedSet<String> jars) {
    SortedSet<String> kept = new TreeSet<>(jars);
    kept.removeIf(j -> PLATFORM_JAR.matcher(j).matches());
    return kept;
  }

  private static SortedSet<String> fileNames(Path folder) throws IOException {
    SortedSet<String> names = new TreeSet<>();
    try (Stream<Path> s = Files.list(folder)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  /** Regular files below {@code folder}, as '/'-separated relative paths. */
  private static SortedSet<String> relativeFiles(Path folder) throws IOException {
    SortedSet<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.walk(folder)) {
      s.filter(Files::isRegularFile).forEach(p -> files.add(folder.relativize(p).toString().replace('\\', '/')));
    }
    return files;
  }

  /** Copies a model directory, setting {@code inference.backend} in its config.yaml. */
  private static Path copyWithBackend(Path model, Path copy, String backend) throws IOException {
    Files.createDirectories(copy);
    try (Stream<Path> s = Files.list(model)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    Path config = copy.resolve("config.yaml");
    Matcher m = Pattern.compile("(?m)^(\\s+)backend:.*$").matcher(Files.readString(config));
    assertThat(m.find()).as("inference.backend in " + config).isTrue();
    Files.writeString(config, m.replaceFirst("$1backend: " + backend));
    return copy;
  }
}
