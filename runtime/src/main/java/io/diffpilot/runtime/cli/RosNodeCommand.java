package io.diffpilot.runtime.cli;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Clock;
import io.diffpilot.runtime.config.DefaultPolicyFactory;
import io.diffpilot.runtime.config.PolicyFactory;
import io.diffpilot.runtime.config.RunConfig;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.ros.control.ObservationType;
import io.diffpilot.runtime.ros.control.RosTopics;
import io.diffpilot.runtime.ros.control.RosTransport;
import io.diffpilot.ros1.master.MasterUnreachableException;
import io.diffpilot.ros1.node.NodeConfig;
import io.diffpilot.ros1.node.RosNode;
import io.diffpilot.runtime.transport.TransportException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import io.diffpilot.ros1.msg.RosoutLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code diffpilot ros-node}: the control loop as a ROS 1 node. Topics (relative, remappable):
 * {@code observation} in, {@code action_chunk} out (JointTrajectory), {@code status} out (latched
 * JSON String), {@code /diagnostics} out (DiagnosticArray), {@code estop} in (Bool), services
 * {@code ~emergency_stop} (SetBool) and {@code ~reset} (Trigger), log lines on {@code /rosout}. ROS
 * arguments ({@code __name:=}, {@code __ns:=}, {@code from:=to}, {@code _param:=v}) may follow, as
 * roslaunch passes them. Settings also come from private parameters ({@code ~model},
 * {@code ~budget_ms}, …): an option given on the command line wins over the parameter, which wins
 * over the option's default.
 */
@Command(name = "ros-node", mixinStandardHelpOptions = true,
    description = "Run DiffPilot's control loop as a ROS 1 node (needs a running roscore, ROS_MASTER_URI).")
public final class RosNodeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RosNodeCommand.class);

  @Option(names = "--config", paramLabel = "FILE.yaml",
      description = "a `diffpilot run` config (robot_id, policy, control, safety; its broker section is ignored)")
  Path configFile;

  @Option(names = "--model", description = "model directory (config.yaml, weights.safetensors, normalizer.json)")
  Path model;

  @Option(names = "--fake-policy", description = "use a fixed-cost stand-in policy instead of a model (tests, benchmarks)")
  boolean fakePolicy;

  @Option(names = "--fake-step-us", defaultValue = "0", description = "fake policy: busy time per denoising step, µs (default ${DEFAULT-VALUE})")
  long fakeStepMicros;

  @Option(names = "--obs-dim", defaultValue = "2", description = "fake policy: observation width")
  int obsDim;

  @Option(names = "--action-dim", defaultValue = "2", description = "fake policy: action width")
  int actionDim;

  @Option(names = "--obs-steps", defaultValue = "2", description = "fake policy: To")
  int obsSteps;

  @Option(names = "--action-steps", defaultValue = "8", description = "fake policy: Ta")
  int actionSteps;

  @Option(names = "--robot-id", defaultValue = "robot1", description = "robot id (default ${DEFAULT-VALUE})")
  String robotId;

  @Option(names = "--budget-ms", defaultValue = "80", description = "latency budget per chunk, ms (default ${DEFAULT-VALUE})")
  double budgetMillis;

  @Option(names = "--step-ms", defaultValue = "100", description = "period between actions, ms (default ${DEFAULT-VALUE})")
  double stepMillis;

  @Option(names = "--observation-type", defaultValue = "float32", converter = ObservationTypes.class,
      description = "float32 (Float32MultiArray) or joint_state (JointState)")
  ObservationType observationType;

  @Option(names = "--joint-names", split = ",",
      description = "JointState observation order, one name per observation value (overrides ~joint_names)")
  List<String> jointNames;

  @Option(names = "--action-names", split = ",",
      description = "joint names of the published trajectories, one per action value (overrides ~action_names;"
          + " default: the joint names when their count is the action width, else a0, a1, ...)")
  List<String> actionNames;

  /** {@code --observation-type} through {@link ObservationType#parse}, so a wrong value is one line. */
  static final class ObservationTypes implements CommandLine.ITypeConverter<ObservationType> {
    @Override
    public ObservationType convert(String value) {
      try {
        return ObservationType.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Option(names = "--duration-s", defaultValue = "0", description = "stop after this many seconds (0: run until shut down)")
  double durationSeconds;

  @Parameters(description = "ROS arguments: __name:=, __ns:=, from:=to, _param:=value")
  List<String> rosArgs = new ArrayList<>();

  private final PolicyFactory policies;

  public RosNodeCommand() {
    this(new DefaultPolicyFactory());
  }

  /** With another way to load policies (the same seam as {@code diffpilot run}). */
  public RosNodeCommand(PolicyFactory policies) {
    this.policies = policies;
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> rest = new ArrayList<>();
    NodeConfig config;
    try {
      config = NodeConfig.fromArgs("diffpilot", rosArgs, System.getenv(), rest);
    } catch (IllegalArgumentException e) {
      System.err.println("ros-node: " + e.getMessage());
      return 2;
    }
    if (!rest.isEmpty()) {
      System.err.println("ros-node: unexpected arguments " + rest + " (ROS arguments look like name:=value)");
      return 2;
    }
    RosNode node;
    try {
      node = RosNode.start(config);
    } catch (MasterUnreachableException e) {
      System.err.println("ros-node: " + e.getMessage());
      return 3;
    }
    ChunkPolicy policy;
    ControlConfig control;
    RosTopics topics;
    try {
      applyPrivateParams(node);
      if (configFile != null) {
        RunConfig rc = RunConfig.load(configFile);
        policy = policies.create(rc.policy());
        control = rc.toControlConfig(policy.actionDim(), policy.preferredSampling());
        robotId = rc.robotId();
      } else {
        policy = policies.create(policySpec());
        control = ControlConfig.defaults(robotId)
            .withBudget(Math.round(budgetMillis * 1e6), 1, 16)
            .withTiming(Math.round(stepMillis * 1e6), 4, 300_000_000L, 500_000_000L);
      }
      if (actionNames.isEmpty() && !jointNames.isEmpty() && jointNames.size() != policy.actionDim()) {
        node.rosout(RosoutLog.WARN, LOG, "~joint_names has " + jointNames.size() + " names but the policy's actions are "
            + policy.actionDim() + " wide: trajectories name them a0..a" + (policy.actionDim() - 1)
            + "; set ~action_names (--action-names) to name them");
      }
      topics = namedTopics(robotId, observationType, jointNames, actionNames, policy.obsDim(), policy.actionDim());
    } catch (Exception e) {
      System.err.println("ros-node: " + e.getMessage());
      node.close();
      return 2;
    }
    ControlLoop loop = new ControlLoop(control, policy,
        new RosTransport(node, topics, Clock.system(), DefaultPolicyFactory.report(policy)), Clock.system(), null);
    Thread hook = new Thread(loop::close, "diffpilot-ros-node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    node.handOverShutdownHook(); // the loop's hook publishes OFFLINE, then closes the node
    try {
      loop.warmUp(ControlLoop.WARM_UP_NANOS, ControlLoop.WARM_UP_CHUNKS);
      loop.start(20_000_000L);
      if (durationSeconds > 0) {
        node.awaitShutdown(Math.round(durationSeconds * 1000), TimeUnit.MILLISECONDS);
      } else {
        node.awaitShutdown();
      }
    } catch (TransportException e) {
      System.err.println("ros-node: " + e.getMessage());
      return 3;
    } finally {
      loop.close();
      policy.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // already shutting down: the hook is running
      }
    }
    return 0;
  }

  /**
   * Settings from the node's private parameters ({@code ~budget_ms} …, as roslaunch's
   * {@code <param>} and {@code _budget_ms:=40} set them). An option given on the command line
   * wins over the parameter; the parameter wins over the option's default.
   */
  private void applyPrivateParams(RosNode node) {
    ParseResult given = spec.commandLine().getParseResult();
    if (!given.hasMatchedOption("--config")) {
      privateParam(node, "config").ifPresent(v -> configFile = Path.of(text("config", v)));
    }
    if (!given.hasMatchedOption("--model")) {
      privateParam(node, "model").ifPresent(v -> model = Path.of(text("model", v)));
    }
    if (!given.hasMatchedOption("--robot-id")) {
      privateParam(node, "robot_id").ifPresent(v -> robotId = text("robot_id", v));
    }
    if (!given.hasMatchedOption("--budget-ms")) {
      privateParam(node, "budget_ms").ifPresent(v -> budgetMillis = number("budget_ms", v));
    }
    if (!given.hasMatchedOption("--step-ms")) {
      privateParam(node, "step_ms").ifPresent(v -> stepMillis = number("step_ms", v));
    }
    if (!given.hasMatchedOption("--observation-type")) {
      privateParam(node, "observation_type").ifPresent(v -> observationType = ObservationType.parse(text("observation_type", v)));
    }
    if (jointNames == null) {
      jointNames = privateParam(node, "joint_names").map(v -> names("joint_names", v)).orElse(List.of());
    }
    if (actionNames == null) {
      actionNames = privateParam(node, "action_names").map(v -> names("action_names", v)).orElse(List.of());
    }
  }

  /**
   * A relative model directory is looked up in the working directory (ROS_HOME under roslaunch),
   * then in the DiffPilot home the launcher names, where the bundled models live.
   */
  static Path locateModel(Path model) {
    if (model.isAbsolute() || java.nio.file.Files.isDirectory(model)) {
      return model;
    }
    String home = System.getProperty("diffpilot.home");
    if (home != null && java.nio.file.Files.isDirectory(Path.of(home).resolve(model))) {
      return Path.of(home).resolve(model);
    }
    return model;
  }

  private static Optional<Object> privateParam(RosNode node, String key) {
    return node.param("~" + key);
  }

  private static String text(String key, Object v) {
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException("~" + key + " must be a non-empty string, got " + v);
  }

  private static double number(String key, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("~" + key + " must be a number, got " + v);
  }

  private static List<String> names(String key, Object v) {
    if (v instanceof Object[] a) {
      return Arrays.stream(a).map(String::valueOf).toList();
    }
    if (v instanceof String s) {
      return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
    }
    throw new IllegalArgumentException("~" + key + " must be a list of names, got " + v);
  }

  /**
   * The topics with inputs and outputs named apart: {@code jointNames} order a JointState
   * observation and need one name per observation value; {@code actionNames} name the published
   * trajectories and need one per action value. Without action names the joint names serve when
   * their count is the action width (an arm observed and commanded by the same joints), else the
   * trajectories say {@code a0, a1, …}. A count that does not fit is refused here, at start: it
   * would otherwise fail every chunk.
   */
  static RosTopics namedTopics(String robotId, ObservationType type, List<String> jointNames, List<String> actionNames,
      int obsDim, int actionDim) {
    if (type == ObservationType.JOINT_STATE && !jointNames.isEmpty() && jointNames.size() != obsDim) {
      throw new IllegalArgumentException("the policy observes " + obsDim + " values but " + jointNames.size()
          + " joint names are given " + jointNames + " (--joint-names / ~joint_names order the observation)");
    }
    List<String> outputs = actionNames;
    if (outputs.isEmpty() && jointNames.size() == actionDim) {
      outputs = jointNames;
    }
    if (!outputs.isEmpty() && outputs.size() != actionDim) {
      throw new IllegalArgumentException("the policy's actions have " + actionDim + " values but " + outputs.size()
          + " action names are given " + outputs + " (--action-names / ~action_names name the trajectory joints)");
    }
    return RosTopics.defaults(robotId, type, jointNames).withActionNames(outputs);
  }

  private RunConfig.Policy policySpec() {
    if (fakePolicy) {
      return new RunConfig.Policy(null, new RunConfig.Fake(obsSteps, obsDim, actionSteps, actionDim, fakeStepMicros / 1000.0));
    }
    if (model == null) {
      throw new IllegalArgumentException("give --config FILE.yaml, --model DIR or --fake-policy");
    }
    return new RunConfig.Policy(locateModel(model), null);
  }
}
