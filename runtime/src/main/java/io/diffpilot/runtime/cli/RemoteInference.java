package io.diffpilot.runtime.cli;

import io.diffpilot.core.PolicyShape;
import io.diffpilot.runtime.config.RunConfig;
import io.diffpilot.runtime.fleet.RemotePolicy;
import io.diffpilot.runtime.mqtt.BrokerConfig;
import io.diffpilot.runtime.mqtt.InferenceTopics;
import io.diffpilot.runtime.mqtt.MqttInferenceClient;
import java.io.IOException;

/** Builds the remote policy of a run config: an MQTT inference client wrapped as a policy. */
final class RemoteInference {
  private RemoteInference() {}

  static RemotePolicy connect(BrokerConfig broker, String robotId, RunConfig.Remote remote, long budgetNanos)
      throws IOException {
    long timeout = remote.timeoutMs() == null ? 2 * budgetNanos : Math.round(remote.timeoutMs() * 1e6);
    MqttInferenceClient client = new MqttInferenceClient(broker, new InferenceTopics("diffpilot", remote.group()),
        robotId);
    return new RemotePolicy(client, robotId, remote.model(),
        new PolicyShape(remote.obsSteps(), remote.obsDim(), remote.actionSteps(), remote.actionDim()),
        budgetNanos, Math.max(timeout, budgetNanos));
  }
}
