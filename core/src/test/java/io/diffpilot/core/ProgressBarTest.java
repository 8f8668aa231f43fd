package io.diffpilot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void theLastUnitIsAlwaysDrawnAndEndsTheLineOnce() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4);
    bar.update(1, "a");
    bar.update(2, "b"); // within 250 ms of the first: not drawn
    bar.update(4, "done");
    bar.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\r[=======>"), text);
    assertTrue(text.contains("] 1/4 a "), text);
    assertTrue(!text.contains("2/4"), text);
    assertTrue(text.contains("\r[" + "=".repeat(30) + "] 4/4 done "), text);
    assertEquals(1, text.chars().filter(c -> c == '\n').count(), text);
  }

  @Test
  void durationsReadAsMinutesOrHours() {
    assertEquals("4m05s", ProgressBar.duration(245));
    assertEquals("1h07m", ProgressBar.duration(4020));
    assertEquals("?", ProgressBar.duration(Double.NaN));
  }
}
