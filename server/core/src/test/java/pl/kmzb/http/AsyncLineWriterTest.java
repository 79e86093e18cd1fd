package pl.kmzb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsyncLineWriterTest {
  @Test
  void writesEveryLineInOrderByClose() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AsyncLineWriter w = new AsyncLineWriter(out);
    for (int i = 0; i < 10_000; i++) {
      w.write("line " + i);
    }
    w.close();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(10_000 - w.dropped(), lines.length);
    assertEquals(0, w.dropped(), "10,000 lines fit the queue");
    assertEquals("line 0", lines[0]);
    assertEquals("line 9999", lines[9_999]);
  }
}
