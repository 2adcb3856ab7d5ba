package dev.tito.notebook.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One message between tito and its grading worker ({@code grading_worker.py}): a JSON header on one line whose
 * {@code length} says how many bytes follow it (a notebook, or none).
 */
record WorkerFrame(JsonNode header, byte[] payload) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_HEADER_BYTES = 1 << 20;

  static ObjectNode header(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  String op() {
    return header.path("op").asText();
  }

  void writeTo(OutputStream out) throws IOException {
    ObjectNode withLength = ((ObjectNode) header.deepCopy()).put("length", payload.length);
    out.write(JSON.writeValueAsBytes(withLength));
    out.write('\n');
    out.write(payload);
    out.flush();
  }

  /**
   * @param maxPayload larger payloads are refused, never read into memory
   * @throws EOFException when the stream ends before a whole frame (the worker is gone)
   * @throws IOException for a frame that breaks the protocol
   */
  static WorkerFrame readFrom(InputStream in, int maxPayload) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("the grading worker stopped");
      }
      if (line.size() >= MAX_HEADER_BYTES) {
        throw new IOException(
            "the grading worker sent a header of more than " + MAX_HEADER_BYTES + " bytes");
      }
      line.write(b);
    }
    JsonNode header = JSON.readTree(line.toString(StandardCharsets.UTF_8));
    long length = header == null ? -1 : header.path("length").asLong(-1);
    if (length < 0 || length > maxPayload) {
      throw new IOException(
          "the grading worker announced " + length + " bytes (at most " + maxPayload + ")");
    }
    byte[] payload = in.readNBytes((int) length);
    if (payload.length < length) {
      throw new EOFException("the grading worker stopped in the middle of a notebook");
    }
    return new WorkerFrame(header, payload);
  }
}
