package io.diffpilot.runtime.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ObservationRules;
import io.diffpilot.runtime.control.MergeRule;
import io.diffpilot.runtime.control.SafetyLimits;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code diffpilot run --config FILE.yaml} reads: the robot, the policy, the broker, the
 * latency budget, the observation window and the safety limits. Parsed at the edge (snake_case
 * keys, unknown keys rejected so typos fail loudly); relative paths are resolved against the
 * config file's folder. See launch/config/*.yaml for commented examples.
 *
 * @param robotId robot id (MQTT topic segment)
 * @param policy which policy to load
 * @param broker which MQTT broker to use
 * @param control timing, budget and merging (optional; defaults for 10 Hz)
 * @param safety watchdog and limits (optional; defaults without limits)
 */
public record RunConfig(String robotId, Policy policy, Broker broker, Control control, Safety safety) {

  public RunConfig {
    if (robotId == null || robotId.isBlank()) {
      throw new IllegalArgumentException("robot_id is required");
    }
    Objects.requireNonNull(policy, "policy section is required");
    Objects.requireNonNull(broker, "broker section is required");
    control = control == null ? new Control(null, null, null, null, null, null, null, null, null, null, null, null, null)
        : control;
    safety = safety == null ? new Safety(null, null, null, null, null, null, null, null, null) : safety;
  }

  /**
   * @param modelDir a model directory (config.yaml, weights.safetensors, normalizer.json)
   * @param fake instead of a model: a stand-in of fixed cost (benchmarks, smoke tests)
   * @param remote instead of a local policy: ask the inference services ({@code diffpilot serve})
   */
  public record Policy(Path modelDir, Fake fake, Remote remote) {
    public Policy {
      int given = (modelDir == null ? 0 : 1) + (fake == null ? 0 : 1) + (remote == null ? 0 : 1);
      if (given != 1) {
        throw new IllegalArgumentException("policy: give exactly one of model_dir, fake and remote");
      }
    }

    /** A local policy (model directory or fake). */
    public Policy(Path modelDir, Fake fake) {
      this(modelDir, fake, null);
    }
  }

  /**
   * Remote inference: the model's name on the services and its layout, which the robot side needs
   * before the first answer (the service checks every request against the model).
   *
   * @param model name the serve processes know the model by
   * @param timeoutMs wait for one attempt before the one retry (default: twice the budget)
   * @param group shared-subscription group of the services (default "diffpilot")
   */
  public record Remote(String model, Integer obsSteps, Integer obsDim, Integer actionSteps, Integer actionDim,
      Double timeoutMs, String group) {
    public Remote {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("policy.remote.model is required");
      }
      if (obsSteps == null || obsDim == null || actionSteps == null || actionDim == null) {
        throw new IllegalArgumentException("policy.remote needs obs_steps, obs_dim, action_steps and action_dim");
      }
      if (timeoutMs != null && !(timeoutMs > 0)) {
        throw new IllegalArgumentException("policy.remote.timeout_ms must be > 0");
      }
      group = group == null ? "diffpilot" : group;
    }
  }

  /** A {@link io.diffpilot.runtime.fake.FixedCostPolicy}: sizes and the cost of one denoising step. */
  public record Fake(int obsSteps, int obsDim, int actionSteps, int actionDim, double stepCostMs) {}

  /**
   * @param url {@code tcp://host:port}, {@code ssl://host:port}, or {@code embedded} /
   *     {@code embedded:PORT} for the in-process HiveMQ CE (MQTT 5) on 127.0.0.1
   * @param username optional
   * @param password optional; prefer {@code passwordEnv}
   * @param passwordEnv name of an environment variable holding the password
   * @param caFile PEM CA certificate for ssl:// URLs
   */
  public record Broker(String url, String username, String password, String passwordEnv, Path caFile) {
    public Broker {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("broker.url is required (tcp://host:port, ssl://host:port or embedded)");
      }
      if (password != null && passwordEnv != null) {
        throw new IllegalArgumentException("broker: give password or password_env, not both");
      }
    }

    public boolean embedded() {
      return url.equals("embedded") || url.startsWith("embedded:");
    }

    /** Port of the embedded broker (0 = any free one). */
    public int embeddedPort() {
      return url.startsWith("embedded:") ? Integer.parseInt(url.substring("embedded:".length())) : 1883;
    }

    /** The broker settings for an external broker (the password read from the environment if so configured). */
    public BrokerConfig toBrokerConfig() {
      String pass = password;
      if (passwordEnv != null) {
        pass = System.getenv(passwordEnv);
        if (pass == null) {
          throw new IllegalArgumentException("broker.password_env: environment variable " + passwordEnv + " is not set");
        }
      }
      BrokerConfig b = BrokerConfig.plain(url);
      if (username != null) {
        b = b.withCredentials(username, pass);
      }
      return caFile == null ? b : b.withCaFile(caFile);
    }
  }

  /**
   * Timing and budget as the YAML spells them, in milliseconds ({@code budget_ms} → {@code budgetMs});
   * every field optional (null → the 10 Hz default of {@link ControlConfig#defaults}), converted to
   * the nanoseconds of {@link ControlConfig} by {@link #toControlConfig}.
   */
  public record Control(Double actionPeriodMs, Double actionOffsetMs, Double budgetMs, Integer minSteps,
      Integer maxSteps, Double budgetMargin, String sampler, Integer triggerRemaining, String merge,
      Double averageWeight, Double exponentialK, Long seed, Double statusPeriodMs) {}

  /**
   * @param stalenessMs observations older than this are rejected
   * @param watchdogMs no valid observation for this long → hold
   * @param lower per-dimension action lower bounds (optional, with upper)
   * @param upper per-dimension action upper bounds
   * @param maxRatePerSecond per-dimension rate limit (optional)
   * @param futureToleranceMs observations stamped further ahead of the robot's estimated clock are
   *     rejected (default a third of the staleness limit)
   * @param maxSequenceGap observations further ahead in sequence are rejected (default 1,000,000)
   * @param resyncAfterRejections consecutive rejections of one consistent stream before the
   *     controller starts over from it (default 3)
   * @param resyncSilenceMs … once nothing was admitted for this long (default half the watchdog)
   */
  public record Safety(Double stalenessMs, Double watchdogMs, float[] lower, float[] upper, float[] maxRatePerSecond,
      Double futureToleranceMs, Long maxSequenceGap, Integer resyncAfterRejections, Double resyncSilenceMs) {}

  /** The control-loop configuration this file describes, for a policy with actions of width {@code actionDim}. */
  public ControlConfig toControlConfig(int actionDim) {
    return toControlConfig(actionDim, null);
  }

  /**
   * As {@link #toControlConfig(int)}, with the model's own sampling as the default when the YAML
   * names no sampler: a distilled student ({@code consistency}) then runs 1 … its configured steps
   * (the scheduler drops to 1 step when the budget is tight) instead of DDIM's 4 … 16.
   *
   * @param preferred the policy's {@link io.diffpilot.core.ChunkPolicy#preferredSampling()}, or null
   */
  public ControlConfig toControlConfig(int actionDim, io.diffpilot.core.Sampling preferred) {
    ControlConfig d = ControlConfig.defaults(robotId);
    boolean student = control.sampler() == null && preferred != null
        && preferred.sampler() == SamplerKind.CONSISTENCY;
    if (student) {
      d = d.withBudget(d.budgetNanos(), 1, preferred.steps()).withSampler(SamplerKind.CONSISTENCY);
    }
    Control c = control;
    SafetyLimits limits = null;
    if (safety.lower() != null || safety.upper() != null || safety.maxRatePerSecond() != null) {
      SafetyLimits open = SafetyLimits.unlimited(actionDim);
      limits = new SafetyLimits(
          orElse(safety.lower(), open.lower(), "safety.lower", actionDim),
          orElse(safety.upper(), open.upper(), "safety.upper", actionDim),
          orElse(safety.maxRatePerSecond(), open.maxRatePerSecond(), "safety.max_rate_per_second", actionDim));
    }
    return new ControlConfig(robotId,
        nanos(c.actionPeriodMs(), d.stepNanos()),
        c.actionOffsetMs() == null ? d.actionOffsetNanos() : Math.round(c.actionOffsetMs() * 1e6),
        nanos(c.budgetMs(), d.budgetNanos()),
        c.minSteps() == null ? d.minSteps() : c.minSteps(),
        c.maxSteps() == null ? d.maxSteps() : c.maxSteps(),
        c.budgetMargin() == null ? d.budgetMargin() : c.budgetMargin(),
        c.sampler() == null ? d.sampler() : SamplerKind.parse(c.sampler()),
        c.seed() == null ? d.seed() : c.seed(),
        c.triggerRemaining() == null ? d.triggerRemaining() : c.triggerRemaining(),
        nanos(safety.stalenessMs(), d.stalenessNanos()),
        nanos(safety.watchdogMs(), d.watchdogNanos()),
        c.merge() == null ? d.mergeRule() : MergeRule.parse(c.merge()),
        c.averageWeight() == null ? d.averageWeight() : c.averageWeight(),
        c.exponentialK() == null ? d.exponentialK() : c.exponentialK(),
        limits,
        nanos(c.statusPeriodMs(), d.statusPeriodNanos()),
        observationRules(nanos(safety.stalenessMs(), d.stalenessNanos()), nanos(safety.watchdogMs(), d.watchdogNanos())));
  }

  private ObservationRules observationRules(long stalenessNanos, long watchdogNanos) {
    ObservationRules d = ObservationRules.defaults(stalenessNanos, watchdogNanos);
    return new ObservationRules(
        nanos(safety.futureToleranceMs(), d.futureToleranceNanos()),
        safety.maxSequenceGap() == null ? d.maxSequenceGap() : safety.maxSequenceGap(),
        safety.resyncAfterRejections() == null ? d.resyncAfterRejections() : safety.resyncAfterRejections(),
        nanos(safety.resyncSilenceMs(), d.resyncSilenceNanos()));
  }

  private static float[] orElse(float[] v, float[] fallback, String name, int dim) {
    if (v == null) {
      return fallback;
    }
    if (v.length != dim) {
      throw new IllegalArgumentException(name + " has " + v.length + " values but the policy's actions have " + dim);
    }
    return v;
  }

  private static long nanos(Double ms, long fallback) {
    if (ms == null) {
      return fallback;
    }
    if (!(ms > 0) || Double.isInfinite(ms)) {
      throw new IllegalArgumentException("durations must be positive milliseconds, got " + ms);
    }
    return Math.round(ms * 1e6);
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /**
   * Reads a config file; relative model_dir and ca_file are resolved against its folder.
   *
   * @throws IOException naming the file and the offending key
   */
  public static RunConfig load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("config file " + file + " does not exist");
    }
    RunConfig raw;
    try {
      raw = YAML.readValue(file.toFile(), RunConfig.class);
    } catch (JsonMappingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String at = e.getPathReference() == null ? "" : " at " + e.getPathReference().replace("io.diffpilot.runtime.config.", "");
      throw new IOException(file + ": " + (root instanceof IllegalArgumentException || root instanceof NullPointerException
          ? root.getMessage() : e.getOriginalMessage()) + at, e);
    }
    if (raw == null) {
      throw new IOException(file + " is empty");
    }
    Path base = file.toAbsolutePath().getParent();
    Policy p = raw.policy().modelDir() == null ? raw.policy()
        : new Policy(base.resolve(raw.policy().modelDir()), null, null);
    Broker b = raw.broker().caFile() == null ? raw.broker()
        : new Broker(raw.broker().url(), raw.broker().username(), raw.broker().password(), raw.broker().passwordEnv(),
            base.resolve(raw.broker().caFile()));
    return new RunConfig(raw.robotId(), p, b, raw.control(), raw.safety());
  }
}
