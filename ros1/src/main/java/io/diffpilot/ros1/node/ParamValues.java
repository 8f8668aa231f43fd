package io.diffpilot.ros1.node;

/** {@code _param:=value} text to the XML-RPC value rospy would set (int, double, bool or string). */
final class ParamValues {

  private ParamValues() {}

  static Object parse(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    try {
      return Integer.valueOf(t);
    } catch (NumberFormatException notInt) {
      try {
        return Double.valueOf(t);
      } catch (NumberFormatException notDouble) {
        return text;
      }
    }
  }
}
