package io.diffpilot.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The embedded broker's two hand-offs removed, and messages still flowing through it. */
class MoquetteTuningTest {

  @Test
  void pinnedMoquetteGetsOneSessionLoopAndInlineInterceptor() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      // Fails when Moquette's internals change (an upgrade): then MoquetteTuning needs a look.
      assertThat(broker.tuning()).isEqualTo(new MoquetteTuning.Applied(true, true));
    }
  }

  @Test
  void restartedBrokerIsTunedAgain() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      broker.stop();
      broker.restart();
      assertThat(broker.tuning()).isEqualTo(new MoquetteTuning.Applied(true, true));
    }
  }

  @Test
  void clientsThatMoquetteWouldPutOnDifferentLoopsExchangeQos0AndQos1() throws Exception {
    String a = idWithLoop("tuning-a-", 0);
    String b = idWithLoop("tuning-b-", 1); // different loops under Moquette's default of 2+ loops
    BlockingQueue<String> gotByB = new LinkedBlockingQueue<>();
    BlockingQueue<String> gotByA = new LinkedBlockingQueue<>();
    try (EmbeddedBroker broker = EmbeddedBroker.start(0);
        MqttLink la = new MqttLink(BrokerConfig.plain(broker.url()), a, null,
            (t, p) -> gotByA.add(t + "=" + new String(p)), null);
        MqttLink lb = new MqttLink(BrokerConfig.plain(broker.url()), b, null,
            (t, p) -> gotByB.add(t + "=" + new String(p)), null)) {
      la.subscribe("tuning/to-a", 1);
      lb.subscribe("tuning/to-b", 0);
      la.connect();
      lb.connect();
      // Subscriptions are asynchronous: publish until the first message gets through.
      String first = null;
      for (int i = 0; i < 100 && first == null; i++) {
        la.publish("tuning/to-b", "hello".getBytes(), 0, false);
        first = gotByB.poll(50, TimeUnit.MILLISECONDS);
      }
      assertThat(first).isEqualTo("tuning/to-b=hello");
      String back = null;
      for (int i = 0; i < 100 && back == null; i++) {
        lb.publish("tuning/to-a", "chunk".getBytes(), 1, false);
        back = gotByA.poll(50, TimeUnit.MILLISECONDS);
      }
      assertThat(back).isEqualTo("tuning/to-a=chunk");
    }
  }

  @Test
  void inlineExecutorRunsOnTheCallersThreadAndStopsAtOnce() throws Exception {
    MoquetteTuning.InlineExecutor ex = new MoquetteTuning.InlineExecutor();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    ex.execute(() -> ranOn.set(Thread.currentThread()));
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    assertThat(ex.isShutdown()).isFalse();
    ex.shutdown();
    assertThat(ex.awaitTermination(0, TimeUnit.SECONDS)).isTrue();
    assertThat(ex.isTerminated()).isTrue();
    // A notification arriving after stop() still runs: it must release the message it retained.
    List<String> late = new CopyOnWriteArrayList<>();
    ex.execute(() -> late.add("released"));
    assertThat(late).containsExactly("released");
  }

  /** A client id whose Moquette session loop (|hash| mod 2) is {@code loop}. */
  private static String idWithLoop(String prefix, int loop) {
    for (int i = 0; ; i++) {
      String id = prefix + i;
      if (Math.abs(id.hashCode()) % 2 == loop) {
        return id;
      }
    }
  }
}
