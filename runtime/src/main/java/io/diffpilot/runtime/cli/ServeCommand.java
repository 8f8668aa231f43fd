package io.diffpilot.runtime.cli;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Sampling;
import io.diffpilot.runtime.config.DefaultPolicyFactory;
import io.diffpilot.runtime.config.RunConfig;
import io.diffpilot.runtime.fleet.InferenceServer;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.InferenceTopics;
import io.diffpilot.runtime.mqtt.MqttInferenceEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot serve}: a stateless inference service for a fleet. Takes requests from any
 * robot's {@code run} (policy.remote) through the shared subscription
 * {@code $share/<group>/diffpilot/inference/request}, batches those due together into one
 * denoising call, deadline-first, and answers on each request's response topic. Start as many as
 * the fleet needs, on one machine or several: the broker spreads the requests over them.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve policy inference to a fleet of `run` processes over an MQTT 5 broker (shared subscription).")
public final class ServeCommand implements Callable<Integer> {
  private static final long WARM_UP_NANOS = 3_000_000_000L;

  @Spec
  CommandSpec spec;

  @Mixin
  BrokerOptions brokerOptions = new BrokerOptions();

  @Option(names = "--model", paramLabel = "NAME=DIR", description = "a model directory to serve under NAME (repeatable)")
  List<String> models = new ArrayList<>();

  @Option(names = "--fake", paramLabel = "NAME=TO,OBS,TA,A,MS",
      description = "a fixed-cost stand-in (obs steps, obs dim, action steps, action dim, ms per denoising step) under NAME")
  List<String> fakes = new ArrayList<>();

  @Option(names = "--group", defaultValue = "diffpilot", description = "shared-subscription group (default ${DEFAULT-VALUE})")
  String group;

  @Option(names = "--max-batch", defaultValue = "64", description = "most requests per denoising call; 1 = no batching (default ${DEFAULT-VALUE})")
  int maxBatch;

  @Option(names = "--threads", description = "kernel threads per denoising call (default: one less than the cores, at most 2)")
  Integer threads;

  @Option(names = "--workers", defaultValue = "1",
      description = "worker threads per model, each with its own copy, all taking from the model's one queue (default ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--name", defaultValue = "serve", description = "this server's name in client ids and logs")
  String name;

  @Mixin
  UntilStopped untilStopped = new UntilStopped();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (brokerOptions.url == null) {
      // the shared mixin leaves --broker optional (sim-robot over ROS has none); serve cannot run without it
      throw new ParameterException(spec.commandLine(), "Missing required option: '--broker=URL'");
    }
    Map<String, List<ChunkPolicy>> loaded = new LinkedHashMap<>();
    BrokerConfig broker;
    try {
      if (models.isEmpty() && fakes.isEmpty()) {
        throw new IllegalArgumentException("give at least one --model NAME=DIR or --fake NAME=...");
      }
      if (workers < 1) {
        throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
      }
      broker = brokerOptions.toBrokerConfig();
      DefaultPolicyFactory factory = threads == null ? new DefaultPolicyFactory() : new DefaultPolicyFactory(threads);
      for (String m : models) {
        String[] kv = nameValue(m, "--model");
        RunConfig.Policy spec = new RunConfig.Policy(Path.of(kv[1]), null);
        load(loaded, kv[0], () -> factory.create(spec));
      }
      for (String f : fakes) {
        String[] kv = nameValue(f, "--fake");
        String[] v = kv[1].split(",");
        if (v.length != 5) {
          throw new IllegalArgumentException("--fake " + f + ": expected NAME=TO,OBS,TA,A,MS");
        }
        RunConfig.Policy spec = new RunConfig.Policy(null, new RunConfig.Fake(Integer.parseInt(v[0].trim()),
            Integer.parseInt(v[1].trim()), Integer.parseInt(v[2].trim()), Integer.parseInt(v[3].trim()),
            Double.parseDouble(v[4].trim())));
        load(loaded, kv[0], () -> factory.create(spec));
      }
    } catch (Exception e) {
      closeAll(loaded);
      err.println("diffpilot serve: " + e.getMessage());
      return 2;
    }
    InferenceServer server = null;
    MqttInferenceEndpoint endpoint = null;
    try {
      loaded.values().forEach(copies -> copies.forEach(p -> warmUp(p, maxBatch)));
      InferenceTopics topics = new InferenceTopics("diffpilot", group);
      server = InferenceServer.withWorkers(loaded, maxBatch);
      endpoint = new MqttInferenceEndpoint(broker, topics, name);
      endpoint.start(server);
      out.printf("serving %s on %s via %s, max batch %d, %d worker%s per model%n", String.join(", ", loaded.keySet()),
          topics.sharedRequest(), broker, maxBatch, workers, workers == 1 ? "" : "s");
      out.flush();
      untilStopped.arm("serve", new CountDownLatch(1)); // no stop() here: Ctrl-C, SIGTERM or --duration-s
      untilStopped.awaitStop();
      InferenceServer.Stats s = server.stats();
      out.printf("stopping: %d requests, %d chunks in %d batches (mean batch %.2f), faults %s%n", s.requests(),
          s.chunks(), s.batches(), s.meanBatch(), s.faults());
      out.flush();
      return 0;
    } catch (Exception e) {
      err.println("diffpilot serve: " + e.getMessage());
      return 1;
    } finally {
      untilStopped.closeThenRelease(endpoint, server, () -> closeAll(loaded));
    }
  }

  /**
   * Runs the policy until the JIT has compiled the kernels (up to 3 s), once at the largest batch
   * expected (so its buffers are sized before the first robot asks), then at batch 1.
   */
  private static void warmUp(ChunkPolicy p, int maxBatch) {
    if (p instanceof io.diffpilot.policy.backend.FastDiffusionPolicy f && maxBatch > 1) {
      f.predictChunks(new float[Math.min(maxBatch, 64)][p.obsSteps()][p.obsDim()], Sampling.ddim(8, 0));
    }
    float[][] one = new float[p.obsSteps()][p.obsDim()];
    long end = System.nanoTime() + WARM_UP_NANOS;
    for (int i = 0; System.nanoTime() < end && i < 200; i++) {
      p.predictChunk(one, Sampling.ddim(8, i));
    }
  }

  /** Opens {@code workers} copies of one model under {@code name} (the kernels are not thread-safe). */
  private void load(Map<String, List<ChunkPolicy>> loaded, String name, PolicyOpener opener) throws IOException {
    List<ChunkPolicy> copies = new ArrayList<>();
    loaded.put(name, copies);
    for (int i = 0; i < workers; i++) {
      copies.add(opener.open());
    }
  }

  private static void closeAll(Map<String, List<ChunkPolicy>> loaded) {
    loaded.values().forEach(copies -> copies.forEach(ChunkPolicy::close));
  }

  private interface PolicyOpener {
    ChunkPolicy open() throws IOException;
  }

  private static String[] nameValue(String s, String option) {
    int eq = s.indexOf('=');
    if (eq <= 0 || eq == s.length() - 1) {
      throw new IllegalArgumentException(option + " " + s + ": expected NAME=VALUE");
    }
    return new String[] {s.substring(0, eq), s.substring(eq + 1)};
  }
}
