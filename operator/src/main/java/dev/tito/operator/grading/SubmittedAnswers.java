package dev.tito.operator.grading;

import dev.tito.api.submission.Submission;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.review.AnswerDigest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of a Submission, as {@link AnswerDigest}s by {@code notebook/gradeId}, read from its ConfigMap (which
 * the student cannot change after handing in) only when a Review's grade was given for another of the student's
 * Submissions; kept per Submission uid, as neither ever changes.
 */
final class SubmittedAnswers {
  private static final int KEPT = 4096;
  private final KubernetesClient client;
  private final Map<String, Map<String, String>> byUid =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
          return size() > KEPT;
        }
      };

  SubmittedAnswers(KubernetesClient client) {
    this.client = client;
  }

  /** The digests, or null when the Submission or its files are gone. */
  Map<String, String> of(Submission submission, ReleaseGradebook gradebook) {
    if (submission == null || gradebook == null) {
      return null;
    }
    String uid = submission.getMetadata().getUid();
    synchronized (byUid) {
      Map<String, String> known = byUid.get(uid);
      if (known != null) {
        return known;
      }
    }
    ConfigMap files =
        client
            .configMaps()
            .inNamespace(submission.getMetadata().getNamespace())
            .withName(submission.getSpec().notebookConfigMap)
            .get();
    if (files == null) {
      return null;
    }
    SubmittedFiles submitted = SubmittedFiles.of(files);
    Map<String, String> digests = new HashMap<>();
    gradebook
        .notebooks()
        .forEach(
            (name, rows) -> {
              byte[] bytes = submitted.files().get(name + ".ipynb");
              Notebook notebook = null;
              try {
                notebook = bytes == null ? null : NotebookReader.parse(bytes, name + ".ipynb");
              } catch (NotebookFormatException e) {
                // graded as an invalid notebook: it has no answers
              }
              AnswerDigest.of(notebook, rows)
                  .forEach((id, digest) -> digests.put(name + "/" + id, digest));
            });
    synchronized (byUid) {
      byUid.put(uid, digests);
    }
    return digests;
  }
}
