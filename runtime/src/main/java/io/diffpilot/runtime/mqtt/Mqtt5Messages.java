package io.diffpilot.runtime.mqtt;

import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Between {@link MqttLink}'s messages and Paho's: the MQTT 5 properties (message expiry, response
 * topic, correlation data, the {@value MqttLink#TRACE_ID} user property) set on what is published
 * and read from what arrives. Properties are only attached when one is set, to keep packets small.
 */
final class Mqtt5Messages {
  private Mqtt5Messages() {}

  static MqttMessage outbound(MqttLink.Outbound out) {
    MqttMessage m = new MqttMessage(out.payload());
    m.setQos(out.qos());
    m.setRetained(out.retained());
    if (out.expirySeconds() > 0 || out.responseTopic() != null || out.correlationData() != null
        || out.traceId() != null) {
      MqttProperties p = new MqttProperties();
      if (out.expirySeconds() > 0) {
        p.setMessageExpiryInterval(out.expirySeconds());
      }
      if (out.responseTopic() != null) {
        p.setResponseTopic(out.responseTopic());
      }
      if (out.correlationData() != null) {
        p.setCorrelationData(out.correlationData());
      }
      if (out.traceId() != null) {
        p.setUserProperties(List.of(new UserProperty(MqttLink.TRACE_ID, out.traceId())));
      }
      m.setProperties(p);
    }
    return m;
  }

  static MqttLink.Inbound inbound(String topic, MqttMessage message) {
    MqttProperties p = message.getProperties();
    return new MqttLink.Inbound(topic, message.getPayload(), p == null ? null : p.getResponseTopic(),
        p == null ? null : p.getCorrelationData(), traceId(p));
  }

  private static String traceId(MqttProperties p) {
    if (p == null || p.getUserProperties() == null) {
      return null;
    }
    for (UserProperty u : p.getUserProperties()) {
      if (MqttLink.TRACE_ID.equals(u.getKey())) {
        return u.getValue();
      }
    }
    return null;
  }
}
