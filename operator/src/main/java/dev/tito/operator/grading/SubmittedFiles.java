package dev.tito.operator.grading;

import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The files of a submission's ConfigMap, checked before any Job: size within the class's limit, notebooks readable. */
public record SubmittedFiles(Map<String, byte[]> files) {
  /** A submission refused before grading: the failure class of docs/grading-jobs.md and one line for the student. */
  public record Refusal(String failureClass, String message) {}

  public static SubmittedFiles of(ConfigMap configMap) {
    Map<String, byte[]> files = new TreeMap<>();
    if (configMap.getData() != null) {
      configMap
          .getData()
          .forEach((key, text) -> files.put(key, text.getBytes(StandardCharsets.UTF_8)));
    }
    if (configMap.getBinaryData() != null) {
      configMap
          .getBinaryData()
          .forEach((key, base64) -> files.put(key, Base64.getMimeDecoder().decode(base64)));
    }
    return new SubmittedFiles(files);
  }

  public long totalBytes() {
    return files.values().stream().mapToLong(content -> content.length).sum();
  }

  public List<String> notebooks() {
    return files.keySet().stream().filter(name -> name.endsWith(".ipynb")).toList();
  }

  /** Why the files cannot be graded, or null; {@code maxSize} is the Classroom's grading.maxSubmissionSize. */
  public Refusal refusal(String configMapName, String maxSize) {
    long limit = Quantity.getAmountInBytes(new Quantity(maxSize)).longValueExact();
    long total = totalBytes();
    if (total > limit) {
      return new Refusal(
          "TooLarge",
          "ConfigMap "
              + configMapName
              + ": the submitted files hold "
              + total
              + " bytes, more than the class's limit of "
              + maxSize
              + " (spec.grading.maxSubmissionSize)");
    }
    for (String notebook : notebooks()) {
      try {
        NotebookReader.parse(files.get(notebook), notebook);
      } catch (NotebookFormatException e) {
        return new Refusal("InvalidNotebook", "ConfigMap " + configMapName + ": " + e.getMessage());
      }
    }
    return null;
  }
}
