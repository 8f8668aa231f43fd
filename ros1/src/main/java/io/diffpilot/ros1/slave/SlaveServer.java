package io.diffpilot.ros1.slave;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.server.XmlRpcHandlerMapping;
import org.apache.xmlrpc.server.XmlRpcNoSuchHandlerException;
import org.apache.xmlrpc.server.XmlRpcServerConfigImpl;
import org.apache.xmlrpc.webserver.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's XML-RPC server for the slave API. ROS calls plain method names
 * ({@code requestTopic}, not {@code Handler.requestTopic}), so methods are mapped by name to
 * {@link SlaveApi} rather than through Apache's reflective mapping.
 */
public final class SlaveServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SlaveServer.class);

  private final WebServer web;
  private final String uri;

  /**
   * Starts serving on a free port of {@code bind}.
   *
   * @param advertisedHost the host name other nodes use to reach this one (ROS_IP/ROS_HOSTNAME)
   */
  public SlaveServer(InetAddress bind, String advertisedHost, SlaveApi api) throws IOException {
    Map<String, XmlRpcHandler> handlers = Map.ofEntries(
        Map.entry("requestTopic", r -> api.requestTopic(str(r, 0), str(r, 1), (Object[]) r.getParameter(2))),
        Map.entry("publisherUpdate", r -> api.publisherUpdate(str(r, 0), str(r, 1), (Object[]) r.getParameter(2))),
        Map.entry("getPid", r -> api.getPid(str(r, 0))),
        Map.entry("getBusInfo", r -> api.getBusInfo(str(r, 0))),
        Map.entry("getBusStats", r -> api.getBusStats(str(r, 0))),
        Map.entry("getPublications", r -> api.getPublications(str(r, 0))),
        Map.entry("getSubscriptions", r -> api.getSubscriptions(str(r, 0))),
        Map.entry("getMasterUri", r -> api.getMasterUri(str(r, 0))),
        Map.entry("paramUpdate", r -> api.paramUpdate(str(r, 0), str(r, 1), r.getParameter(2))),
        Map.entry("shutdown", r -> api.shutdown(str(r, 0), r.getParameterCount() > 1 ? str(r, 1) : "")));
    XmlRpcHandlerMapping mapping = name -> {
      XmlRpcHandler h = handlers.get(name);
      if (h == null) {
        throw new XmlRpcNoSuchHandlerException("no such slave API method: " + name);
      }
      return request -> {
        try {
          return h.execute(request);
        } catch (RuntimeException e) {
          LOG.warn("slave API {} failed: {}", name, e.toString());
          return new Object[] {-1, name + " failed: " + e.getMessage(), 0};
        }
      };
    };
    web = new WebServer(0, bind);
    web.getXmlRpcServer().setHandlerMapping(mapping);
    XmlRpcServerConfigImpl config = new XmlRpcServerConfigImpl();
    config.setEnabledForExtensions(false);
    config.setKeepAliveEnabled(false);
    web.getXmlRpcServer().setConfig(config);
    web.start();
    uri = "http://" + advertisedHost + ":" + web.getPort() + "/";
  }

  private static String str(XmlRpcRequest r, int i) throws XmlRpcException {
    if (r.getParameterCount() <= i || !(r.getParameter(i) instanceof String s)) {
      throw new XmlRpcException(r.getMethodName() + ": parameter " + i + " must be a string");
    }
    return s;
  }

  /** The URI registered with the master, {@code http://host:port/}. */
  public String uri() {
    return uri;
  }

  @Override
  public void close() {
    web.shutdown();
  }
}
