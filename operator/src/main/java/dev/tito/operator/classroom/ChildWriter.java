package dev.tito.operator.classroom;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The one writer of the operator's children (one field manager): creates what is missing, replaces what differs
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

    /** Makes the cluster hold desired: create, replace, or nothing when the cached digest matches. */
    public void apply(HasMetadata desired, HasMetadata cached) {
      if (desired.getMetadata().getAnnotations() == null) {
        desired.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
      String digest = DesiredHash.of(desired);
      desired.getMetadata().getAnnotations().put(ClassroomLabels.DESIRED_HASH, digest);
      if (cached == null) {
        submit(desired, () -> create(desired, true));
        return;
      }
      if (isUpToDate(desired, cached)) {
        return;
      }
      submit(desired, () -> replace(desired, cached));
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

  private void create(HasMetadata desired, boolean replaceWhenPresent) {
    try {
      client.resource(desired).create();
    } catch (KubernetesClientException e) {
      // the informer had not yet seen an object created moments ago: its own event brings the next reconcile
      if (e.getCode() != CONFLICT) {
        throw e;
      }
      if (replaceWhenPresent) {
        HasMetadata current = client.resource(desired).get();
        if (current != null && !isUpToDate(desired, current)) {
          replace(desired, current);
        }
      }
    }
  }

  /**
   * Replaces the object with desired, keeping labels and annotations others put on it. A full update rather than a
   * JSON merge patch: merge patches cannot remove list items, and the mock server appends to lists instead.
   */
  private void replace(HasMetadata desired, HasMetadata base) {
    HasMetadata current = base;
    for (int attempt = 1; ; attempt++) {
      HasMetadata update = JSON.clone(desired);
      update.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
      update.getMetadata().setLabels(merged(current.getMetadata().getLabels(), desired.getMetadata().getLabels(), ""));
      update.getMetadata().setAnnotations(merged(current.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations(),
          ClassroomLabels.ANNOTATION_PREFIX));
      try {
        client.resource(update).update();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == NOT_FOUND) {
          client.resource(desired).create();
          return;
        }
        if (e.getCode() != CONFLICT || attempt == 3) {
          throw e;
        }
        // someone wrote since the informer's copy: start again from the latest version
        current = client.resource(desired).get();
        if (current == null) {
          client.resource(desired).create();
          return;
        }
      }
    }
  }

  /** Others' keys kept; under ownedPrefix only the desired keys survive. */
  private static Map<String, String> merged(Map<String, String> existing, Map<String, String> desired, String ownedPrefix) {
    Map<String, String> result = new LinkedHashMap<>();
    if (existing != null) {
      existing.forEach((key, value) -> {
        if (ownedPrefix.isEmpty() || !key.startsWith(ownedPrefix)) {
          result.put(key, value);
        }
      });
    }
    if (desired != null) {
      result.putAll(desired);
    }
    return result;
  }

  /** Whether the object already carries desired's digest and no annotation of ours that desired dropped. */
  private static boolean isUpToDate(HasMetadata desired, HasMetadata existing) {
    return desired.getMetadata().getAnnotations().get(ClassroomLabels.DESIRED_HASH)
        .equals(annotation(existing, ClassroomLabels.DESIRED_HASH)) && !hasStrayAnnotations(desired, existing);
  }

  /** Annotations under the operator's prefix that desired no longer has, e.g. a consumed start request. */
  private static boolean hasStrayAnnotations(HasMetadata desired, HasMetadata cached) {
    Map<String, String> cachedAnnotations = cached.getMetadata().getAnnotations();
    return cachedAnnotations != null && cachedAnnotations.keySet().stream()
        .anyMatch(key -> key.startsWith(ClassroomLabels.ANNOTATION_PREFIX) && !desired.getMetadata().getAnnotations().containsKey(key));
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
