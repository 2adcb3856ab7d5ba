package dev.tito.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.operator.events.ConditionEvents;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the status of the operator's own resources (Classroom, Assignment, Submission), after Flink's
 * StatusRecorder: nothing is sent when the status is unchanged; otherwise a full update carrying the resourceVersion
 * the decision was made on, so a decision made on a stale copy is refused (409) and made again on the newer copy,
 * never re-applied. The written copy goes into the controller's cache, and condition changes become Events once,
 * after the write. A status the API server keeps only in part (its CRD is older than the operator and prunes the new
 * fields) is not sent again while it would be pruned the same way: no write per reconcile until the CRD is upgraded.
 */
public final class StatusRecorder<P extends CustomResource<?, S>, S> {
  /** How soon a decision refused as stale is made again: the cache catches up within milliseconds. */
  public static final Duration STALE_RETRY = Duration.ofMillis(100);

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** What became of a status. */
  public enum Outcome {
    UNCHANGED,
    WRITTEN,
    STALE
  }

  private static final Logger LOG = LoggerFactory.getLogger(StatusRecorder.class);

  private final KubernetesClient client;
  private final ConditionEvents events;
  private final Function<S, List<Condition>> conditions;

  /** By uid, the last status sent and what the API server kept of it, where the two differed. */
  private final Map<String, Pruned> pruned = new ConcurrentHashMap<>();

  private final AtomicBoolean toldPruning = new AtomicBoolean();

  private record Pruned(JsonNode sent, JsonNode kept) {}

  public StatusRecorder(
      KubernetesClient client, ConditionEvents events, Function<S, List<Condition>> conditions) {
    this.client = client;
    this.events = events;
    this.conditions = conditions;
  }

  /** Writes {@code next} as the status of {@code primary} as read when the decision was made. */
  public Outcome record(P primary, S next, Context<P> context, Instant now) {
    S before = primary.getStatus();
    JsonNode sending = JSON.valueToTree(next);
    JsonNode current = JSON.valueToTree(before);
    String uid = primary.getMetadata().getUid();
    Pruned last = uid == null ? null : pruned.get(uid);
    if (sending.equals(current)
        || last != null && last.sent().equals(sending) && last.kept().equals(current)) {
      return Outcome.UNCHANGED;
    }
    P updated = SERIALIZATION.clone(primary);
    updated.setStatus(next);
    P written;
    try {
      written = client.resource(updated).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return Outcome.STALE;
      }
      throw e;
    }
    if (written != null && uid != null) {
      keptInPart(primary, uid, sending, JSON.valueToTree(written.getStatus()));
    }
    if (context != null && written != null) {
      // the next reconcile starts from this write even before its watch event arrives
      context
          .eventSourceRetriever()
          .getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(primary), written, primary);
    }
    events.changes(
        primary, before == null ? null : conditions.apply(before), conditions.apply(next), now);
    return Outcome.WRITTEN;
  }

  private void keptInPart(P primary, String uid, JsonNode sent, JsonNode kept) {
    if (sent.equals(kept)) {
      pruned.remove(uid);
      return;
    }
    pruned.put(uid, new Pruned(sent, kept));
    if (toldPruning.compareAndSet(false, true)) {
      LOG.warn(
          "the API server dropped status fields of {} {}/{}: its CRD is older than the operator; apply the chart's "
              + "crds/ (kubectl apply --server-side -f crds/)",
          primary.getKind(),
          primary.getMetadata().getNamespace(),
          primary.getMetadata().getName());
    }
  }
}
