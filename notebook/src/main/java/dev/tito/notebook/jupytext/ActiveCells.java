package dev.tito.notebook.jupytext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** jupytext's {@code is_active}: is a cell active for a file extension ("ipynb", "py")? */
final class ActiveCells {
  private ActiveCells() {}

  static boolean isActive(String extension, ObjectNode metadata, boolean byDefault) {
    if (metadata.path("run_control").path("frozen").asBoolean(false)
        && metadata.path("run_control").path("frozen").isBoolean()) {
      return extension.equals("ipynb");
    }
    for (JsonNode tag : metadata.path("tags")) {
      String text = tag.asText("");
      if (text.startsWith("active-")) {
        return Arrays.asList(text.split("-")).contains(extension);
      }
    }
    JsonNode active = metadata.get("active");
    if (active == null) {
      return byDefault;
    }
    return Arrays.asList(active.asText("").split("[.,]")).contains(extension);
  }
}
