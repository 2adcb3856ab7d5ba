package dev.tito.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows one submission in the student's results ConfigMap, the only object the student may read: a get, then a
 * watch of that one name (the student's Role allows nothing else), started again when the API server ends it.
 */
final class ResultsWatch {
  /** What the watch saw: the ConfigMap's data, or empty when the watch ended and must be started again. */
  private final BlockingQueue<Optional<Map<String, String>>> seen = new LinkedBlockingQueue<>();

  private final Resource<ConfigMap> results;
  private final String key;
  private final String where;
  private final String submission;

  ResultsWatch(KubernetesClient client, StudentPod pod, String assignment, String submission) {
    this.results =
        client.configMaps().inNamespace(pod.namespace()).withName(pod.resultsConfigMap());
    this.key = assignment + ".json";
    this.where = "ConfigMap " + pod.resultsConfigMap() + " key " + key;
    this.submission = submission;
  }

  /** The submission's finished outcome and its results' data, or empty after timeout; progress gets each change. */
  Optional<Finished> until(Duration timeout, Consumer<SubmissionOutcome> progress)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String shown = null;
    while (true) {
      try (Watch ignored = start()) {
        Optional<Map<String, String>> data;
        while ((data = seen.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
                != null
            && data.isPresent()) {
          String json = data.get().get(key);
          if (json == null) {
            continue;
          }
          SubmissionOutcome outcome = SubmissionOutcome.parse(json, where);
          if (!submission.equals(outcome.name())) {
            continue;
          }
          if (outcome.finished()) {
            return Optional.of(new Finished(outcome, data.get()));
          }
          if (!outcome.progress().equals(shown)) {
            shown = outcome.progress();
            progress.accept(outcome);
          }
        }
        if (data == null) {
          return Optional.empty();
        }
      }
    }
  }

  private Watch start() {
    ConfigMap now = results.get();
    if (now != null && now.getData() != null) {
      seen.add(Optional.of(now.getData()));
    }
    return results.watch(
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, ConfigMap configMap) {
            if (configMap.getData() != null && action != Action.DELETED) {
              seen.add(Optional.of(configMap.getData()));
            }
          }

          @Override
          public void onClose(WatcherException cause) {
            seen.add(Optional.empty());
          }
        });
  }

  /** A finished submission and the results ConfigMap's data it was read from. */
  record Finished(SubmissionOutcome outcome, Map<String, String> data) {}
}
