package io.diffpilot.ros1.master;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;

/**
 * An XML-RPC endpoint speaking ROS's convention: every call returns
 * {@code [int code, String statusMessage, value]}, code 1 meaning success.
 */
public final class RosXmlRpc {

  private final String uri;
  private final XmlRpcClient client;

  public RosXmlRpc(String uri, Duration timeout) {
    this.uri = uri;
    XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
    try {
      URI u = URI.create(uri);
      String path = u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath();
      config.setServerURL(new URL(u.getScheme(), u.getHost(), u.getPort(), path));
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an XML-RPC URI: " + uri, e);
    }
    config.setConnectionTimeout((int) timeout.toMillis());
    config.setReplyTimeout((int) timeout.toMillis());
    config.setEnabledForExtensions(false);
    client = new XmlRpcClient();
    client.setConfig(config);
  }

  public String uri() {
    return uri;
  }

  /**
   * Calls {@code method} and returns the value of a successful reply.
   *
   * @throws RosApiException when the reply's code is not 1
   * @throws XmlRpcException when the endpoint cannot be reached or answers something else
   */
  public Object call(String method, Object... params) throws XmlRpcException {
    Object reply = client.execute(method, params);
    if (!(reply instanceof Object[] r) || r.length != 3 || !(r[0] instanceof Integer code)) {
      throw new XmlRpcException(method + " at " + uri + ": not a ROS reply [code, message, value]");
    }
    if (code != 1) {
      throw new RosApiException(method, code, String.valueOf(r[1]));
    }
    return r[2];
  }
}
