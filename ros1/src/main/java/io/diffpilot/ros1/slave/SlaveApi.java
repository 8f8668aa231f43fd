package io.diffpilot.ros1.slave;

/**
 * The slave API a node serves to the master and to other nodes. Each method returns ROS's
 * {@code [code, statusMessage, value]} triple as an {@code Object[]}.
 */
public interface SlaveApi {
  Object[] requestTopic(String callerId, String topic, Object[] protocols);

  Object[] publisherUpdate(String callerId, String topic, Object[] publisherUris);

  Object[] getPid(String callerId);

  Object[] getBusInfo(String callerId);

  Object[] getBusStats(String callerId);

  Object[] getPublications(String callerId);

  Object[] getSubscriptions(String callerId);

  Object[] getMasterUri(String callerId);

  Object[] paramUpdate(String callerId, String key, Object value);

  Object[] shutdown(String callerId, String reason);
}
