package io.diffpilot.runtime.cli;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Clock;
import io.diffpilot.runtime.config.DefaultPolicyFactory;
import io.diffpilot.runtime.config.PolicyFactory;
import io.diffpilot.runtime.config.RunConfig;
import io.diffpilot.runtime.control.ControlConfig;
import io.diffpilot.runtime.control.ControlLoop;
import io.diffpilot.runtime.fleet.RemotePolicy;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.EmbeddedBroker;
import io.diffpilot.runtime.mqtt.MqttTransport;
import io.diffpilot.runtime.mqtt.Topics;
import io.diffpilot.runtime.transport.RuntimeStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diffpilot run --config FILE.yaml}: the robot-side loop of one robot over MQTT, until
 * Ctrl-C, with the policy local (model_dir, fake) or remote (policy.remote: the inference services
 * of {@code diffpilot serve}, through the same broker).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the real-time controller for one robot over MQTT 5 + Protobuf, inference local or remote "
        + "(see launch/config/*.yaml).")
public final class RunCommand implements Callable<Integer> {
  private static final long TICK_NANOS = 20_000_000L;

  @Spec
  CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "run configuration")
  Path config;

  @Mixin
  UntilStopped untilStopped = new UntilStopped();

  private final PolicyFactory policies;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch serving = new CountDownLatch(1);

  public RunCommand() {
    this(new DefaultPolicyFactory());
  }

  /** With another way to load policies (the integrator wires the diffusion policy here). */
  public RunCommand(PolicyFactory policies) {
    this.policies = policies;
  }

  /** Ends a run started by {@link #call} as Ctrl-C would (for a program that embeds the command). */
  public void stop() {
    stop.countDown();
  }

  /** Waits until the controller serves its robot (broker up, policy warmed up, loop started). */
  public boolean awaitServing(long timeout, TimeUnit unit) throws InterruptedException {
    return serving.await(timeout, unit);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunConfig rc;
    ChunkPolicy policy = null;
    ControlConfig cc;
    RunConfig.Remote remote;
    try {
      rc = RunConfig.load(config);
      remote = rc.policy().remote();
      if (remote == null) {
        policy = policies.create(rc.policy());
      }
      cc = remote == null ? rc.toControlConfig(policy.actionDim(), policy.preferredSampling())
          : rc.toControlConfig(remote.actionDim());
    } catch (Exception e) {
      err.println("diffpilot run: " + e.getMessage());
      return 2;
    }
    EmbeddedBroker embedded = null;
    ControlLoop loop = null;
    try {
      BrokerConfig broker;
      if (rc.broker().embedded()) {
        embedded = EmbeddedBroker.start(rc.broker().embeddedPort());
        broker = BrokerConfig.plain(embedded.url());
        out.println("embedded MQTT broker on " + embedded.url() + " (loopback only)");
      } else {
        broker = rc.broker().toBrokerConfig();
      }
      if (remote != null) {
        policy = RemoteInference.connect(broker, rc.robotId(), remote, cc.budgetNanos());
        out.printf("inference: remote, model '%s' via %s (group %s)%n", remote.model(), broker, remote.group());
      }
      MqttTransport transport = new MqttTransport(broker, Topics.of(rc.robotId()), Clock.system());
      loop = new ControlLoop(cc, policy, transport, Clock.system(), null);
      loop.warmUp(ControlLoop.WARM_UP_NANOS, ControlLoop.WARM_UP_CHUNKS);
      loop.start(TICK_NANOS);
      out.printf("controlling robot '%s' via %s: obs [%d x %d] -> chunks [%d x %d], budget %.1f ms, steps %d..%d, merge %s%n",
          rc.robotId(), broker, policy.obsSteps(), policy.obsDim(), policy.actionSteps(), policy.actionDim(),
          cc.budgetNanos() / 1e6, cc.minSteps(), cc.maxSteps(), cc.mergeRule().name().toLowerCase());
      out.flush();
      untilStopped.arm("run", stop);
      serving.countDown();
      untilStopped.awaitStop();
      RuntimeStatus s = loop.status();
      out.printf("stopping: %s, %d observations, %d chunks, faults %s%n", s.state(), s.observationsAccepted(),
          s.chunksPublished(), s.faults());
      if (policy instanceof RemotePolicy rp) {
        out.println("remote inference: " + rp.stats());
      }
      out.flush();
      return 0;
    } catch (Exception e) {
      err.println("diffpilot run: " + e.getMessage());
      return 1;
    } finally {
      untilStopped.closeThenRelease(loop, policy, embedded);
    }
  }
}
