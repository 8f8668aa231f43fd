package io.diffpilot.ros1.msg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The std_srvs types the node serves: md5 sums as rospy has them, codecs round trip. */
class StdSrvsTest {

  /** Values of rospy's {@code std_srvs.srv.SetBool._md5sum} and {@code Trigger._md5sum} (Debian 1.11.3). */
  @Test
  void md5SumsMatchRospy() {
    assertThat(StdSrvs.SET_BOOL.md5()).isEqualTo("09fb03525b03e7ea1fd3992bafd87e16");
    assertThat(StdSrvs.TRIGGER.md5()).isEqualTo("937c9679a518e3a18d831e57125ea522");
  }

  @Test
  void responseRoundTripsAndTrailingBytesAreRefused() {
    RosWriter w = new RosWriter();
    new StdSrvs.Response(true, "engaged").write(w);
    byte[] body = w.toByteArray();
    assertThat(StdSrvs.SET_BOOL.decodeResponse(body)).isEqualTo(new StdSrvs.Response(true, "engaged"));
    assertThat(StdSrvs.SET_BOOL.decodeRequest(new byte[] {1})).isEqualTo(new StdSrvs.SetBoolRequest(true));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StdSrvs.TRIGGER.decodeRequest(new byte[] {1}))
        .isInstanceOf(MalformedMessageException.class);
  }
}
