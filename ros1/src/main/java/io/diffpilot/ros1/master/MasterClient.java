package io.diffpilot.ros1.master;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.xmlrpc.XmlRpcException;

/**
 * The ROS master API (registration, parameters, graph queries) as one caller sees it.
 * Names passed here are already resolved (absolute). Parameter values are what XML-RPC carries:
 * String, Integer, Double, Boolean, Object[] (lists) and Map (namespaces).
 */
public final class MasterClient {

  private final RosXmlRpc rpc;
  private final String callerId;

  public MasterClient(String masterUri, String callerId, Duration timeout) {
    this.rpc = new RosXmlRpc(masterUri, timeout);
    this.callerId = callerId;
  }

  public String masterUri() {
    return rpc.uri();
  }

  private Object call(String method, Object... params) {
    Object[] all = new Object[params.length + 1];
    all[0] = callerId;
    System.arraycopy(params, 0, all, 1, params.length);
    try {
      return rpc.call(method, all);
    } catch (XmlRpcException e) {
      throw new MasterUnreachableException(rpc.uri(), e.getCause() != null ? e.getCause() : e);
    }
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) value) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** @return slave URIs of the topic's current subscribers */
  public List<String> registerPublisher(String topic, String type, String callerApi) {
    return strings(call("registerPublisher", topic, type, callerApi));
  }

  /** @return slave URIs of the topic's current publishers */
  public List<String> registerSubscriber(String topic, String type, String callerApi) {
    return strings(call("registerSubscriber", topic, type, callerApi));
  }

  /** Registers a service offered at {@code serviceApi} ({@code rosrpc://host:port}). */
  public void registerService(String service, String serviceApi, String callerApi) {
    call("registerService", service, serviceApi, callerApi);
  }

  public int unregisterService(String service, String serviceApi) {
    return (Integer) call("unregisterService", service, serviceApi);
  }

  /** The {@code rosrpc://} URI of {@code service}, or empty when no node offers it. */
  public Optional<String> lookupService(String service) {
    try {
      return Optional.of((String) call("lookupService", service));
    } catch (RosApiException e) {
      return Optional.empty();
    }
  }

  /** @return the number of registrations removed (0 if there was none) */
  public int unregisterPublisher(String topic, String callerApi) {
    return (Integer) call("unregisterPublisher", topic, callerApi);
  }

  public int unregisterSubscriber(String topic, String callerApi) {
    return (Integer) call("unregisterSubscriber", topic, callerApi);
  }

  /** The value of {@code key}; a namespace comes back as a {@code Map}. */
  public Optional<Object> getParam(String key) {
    try {
      return Optional.of(call("getParam", key));
    } catch (RosApiException e) {
      if (e.code() == -1) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Sets {@code key}; a {@code Map} value becomes nested parameters. */
  public void setParam(String key, Object value) {
    call("setParam", key, value);
  }

  public boolean hasParam(String key) {
    return (Boolean) call("hasParam", key);
  }

  public void deleteParam(String key) {
    call("deleteParam", key);
  }

  /** The closest parameter named {@code key} up the caller's namespace, if any. */
  public Optional<String> searchParam(String key) {
    try {
      Object v = call("searchParam", key);
      return v instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    } catch (RosApiException e) {
      if (e.code() == -1) {
        return Optional.empty(); // "Cannot find parameter [...] in an upwards search"
      }
      throw e;
    }
  }

  public List<String> getParamNames() {
    return strings(call("getParamNames"));
  }

  /** The slave URI of {@code nodeName}, or empty when the master does not know it. */
  public Optional<String> lookupNode(String nodeName) {
    try {
      return Optional.of((String) call("lookupNode", nodeName));
    } catch (RosApiException e) {
      return Optional.empty();
    }
  }

  public String getUri() {
    return (String) call("getUri");
  }

  public int getPid() {
    return (Integer) call("getPid");
  }

  public SystemState getSystemState() {
    Object[] v = (Object[]) call("getSystemState");
    return new SystemState(graph(v[0]), graph(v[1]), graph(v[2]));
  }

  private static Map<String, List<String>> graph(Object section) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Object entry : (Object[]) section) {
      Object[] e = (Object[]) entry;
      out.put((String) e[0], strings(e[1]));
    }
    return out;
  }
}
