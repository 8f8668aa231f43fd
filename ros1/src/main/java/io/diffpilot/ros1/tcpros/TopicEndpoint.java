package io.diffpilot.ros1.tcpros;

import io.diffpilot.ros1.msg.MessageType;
import io.diffpilot.ros1.msg.RosMessage;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * What both ends of a topic hold on this node: the topic, its message type, our caller id, and
 * where connection ids for getBusInfo come from.
 */
public abstract sealed class TopicEndpoint<T extends RosMessage> permits Publication, Subscription {

  final String topic;
  final MessageType<T> type;
  final String callerId;
  final IntSupplier connectionIds;

  TopicEndpoint(String topic, MessageType<T> type, String callerId, IntSupplier connectionIds) {
    this.topic = topic;
    this.type = type;
    this.callerId = callerId;
    this.connectionIds = connectionIds;
  }

  public String topic() {
    return topic;
  }

  public MessageType<T> type() {
    return type;
  }

  /**
   * The connection header we send: the fields a publisher's reply and a subscriber's request
   * share, plus the one field of our side. Keys in sorted order, as roscpp writes them.
   */
  Map<String, String> connectionHeader(String sideKey, String sideValue) {
    Map<String, String> header = new TreeMap<>();
    header.put("callerid", callerId);
    header.put("md5sum", type.md5());
    header.put("message_definition", type.definition());
    header.put("topic", topic);
    header.put("type", type.name());
    header.put(sideKey, sideValue);
    return header;
  }
}
