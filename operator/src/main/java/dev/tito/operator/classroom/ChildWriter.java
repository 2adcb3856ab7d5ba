package dev.tito.operator.classroom;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The one writer of the operator's children (one field manager): creates what is missing, patches what differs
 * from its desired digest, and sends nothing when the cached object already carries that digest. Writes of one
 * reconcile run concurrently on a bounded pool.
 */
public final class ChildWriter {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final int CONFLICT = 409;
  private static final int NOT_FOUND = 404;

  private final KubernetesClient client;
  private final ExecutorService pool;

  public ChildWriter(KubernetesClient client, ExecutorService pool) {
    this.client = client;
    this.pool = pool;
  }

  public Batch batch() {
    return new Batch();
  }

  /** The writes of one reconcile. */
  public final class Batch {
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** Makes the cluster hold desired: create, merge-patch, or nothing when the cached digest matches. */
    public void apply(HasMetadata desired, HasMetadata cached) {
      if (desired.getMetadata().getAnnotations() == null) {
        desired.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
      }
      String digest = DesiredHash.of(desired);
      desired.getMetadata().getAnnotations().put(ClassroomLabels.DESIRED_HASH, digest);
      if (cached == null) {
        submit(desired, () -> create(desired, true));
        return;
      }
      Map<String, String> stray = strayAnnotations(desired, cached);
      if (digest.equals(annotation(cached, ClassroomLabels.DESIRED_HASH)) && stray.isEmpty()) {
        return;
      }
      submit(desired, () -> patch(desired, stray));
    }

    /** Creates desired when nothing is cached; never rewrites it (tokens, volumes). */
    public void createIfAbsent(HasMetadata desired, HasMetadata cached) {
      if (cached == null) {
        submit(desired, () -> create(desired, false));
      }
    }

    public void delete(HasMetadata cached) {
      submit(cached, () -> client.resource(cached).delete());
    }

    /** Deletes a pod so its StatefulSet recreates it from the current template. */
    public void deletePod(String namespace, String name) {
      pending.add(CompletableFuture.runAsync(() -> {
        try {
          client.pods().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
          fail("Pod " + name, e);
        }
      }, pool));
    }

    /** Waits for every write; returns one line per failed write. */
    public List<String> await() {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      synchronized (failures) {
        return List.copyOf(failures);
      }
    }

    private void submit(HasMetadata target, Runnable write) {
      pending.add(CompletableFuture.runAsync(() -> {
        try {
          write.run();
        } catch (KubernetesClientException e) {
          fail(target.getKind() + " " + target.getMetadata().getName(), e);
        }
      }, pool));
    }

    private void fail(String what, KubernetesClientException e) {
      String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
      synchronized (failures) {
        failures.add(what + ": " + (message == null ? "HTTP " + e.getCode() : message.lines().findFirst().orElse("")));
      }
    }
  }

  private void create(HasMetadata desired, boolean patchWhenPresent) {
    try {
      client.resource(desired).create();
    } catch (KubernetesClientException e) {
      // the informer had not yet seen an object created moments ago: its own event brings the next reconcile
      if (e.getCode() != CONFLICT) {
        throw e;
      }
      if (patchWhenPresent) {
        patch(desired, Map.of());
      }
    }
  }

  private void patch(HasMetadata desired, Map<String, String> removedAnnotations) {
    ObjectNode patch = (ObjectNode) JSON.convertValue(desired, com.fasterxml.jackson.databind.JsonNode.class);
    ObjectNode annotations = ((ObjectNode) patch.with("metadata")).with("annotations");
    removedAnnotations.keySet().forEach(annotations::putNull);
    try {
      client.resource(desired).patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    } catch (KubernetesClientException e) {
      if (e.getCode() != NOT_FOUND) {
        throw e;
      }
      client.resource(desired).create();
    }
  }

  private static Map<String, String> strayAnnotations(HasMetadata desired, HasMetadata cached) {
    Map<String, String> stray = new HashMap<>();
    Map<String, String> cachedAnnotations = cached.getMetadata().getAnnotations();
    if (cachedAnnotations != null) {
      cachedAnnotations.forEach((key, value) -> {
        if (key.startsWith(ClassroomLabels.ANNOTATION_PREFIX) && !desired.getMetadata().getAnnotations().containsKey(key)) {
          stray.put(key, value);
        }
      });
    }
    return stray;
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
