package dev.tito.operator.cluster;

import dev.tito.operator.events.ServerRefusal;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the operator's children (one field manager, server-side apply): applies what is missing, what
 * differs from its desired digest and what another actor changed, and sends nothing when the cached object already
 * carries that digest untouched. Writes of one
 * reconcile run concurrently on a pool shared by every reconcile, each batch holding at most {@code perBatch} of its
 * threads so one class's backlog (or its failing writes) never starves another class.
 */
public final class ChildWriter {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final int CONFLICT = 409;
  private static final int NOT_FOUND = 404;
  private static final int UNSUPPORTED_MEDIA_TYPE = 415;
  private static final int UNPROCESSABLE = 422;

  /** The one field manager of everything the operator applies. */
  public static final String FIELD_MANAGER = "tito-operator";

  /** Annotation prefix the operator owns on its objects: stray keys under it are removed. */
  public static final String OWNED_ANNOTATIONS = "tito.dev/";

  private static final Logger LOG = LoggerFactory.getLogger(ChildWriter.class);

  /** A write the server refuses (5xx, 429) is tried this many more times, then reported; the reconcile retries later. */
  private static final int WRITE_RETRIES = 2;

  private final KubernetesClient client;
  private final ExecutorService pool;
  private final int perBatch;
  private volatile boolean serverSideApply = true;

  /** @param perBatch writes of one batch in flight at once (the pool's size lets two classes share it) */
  public ChildWriter(KubernetesClient client, ExecutorService pool, int perBatch) {
    // the client's default (10 retries, backoff doubling from 100 ms) holds a pool thread for
    // minutes per failed write
    this.client =
        client
            .newClient(
                new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                    .withRequestRetryBackoffLimit(WRITE_RETRIES)
                    .build())
            .adapt(KubernetesClient.class);
    this.pool = pool;
    this.perBatch = perBatch;
  }

  public Batch batch() {
    return new Batch(false);
  }

  /** A batch whose writes wait for {@link Batch#start()}: what needs another batch's objects to exist first. */
  public Batch heldBatch() {
    return new Batch(true);
  }

  /** The writes of one reconcile. */
  public final class Batch {
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean held;

    private Batch(boolean held) {
      this.held = held;
    }

    /** Lets a held batch's writes go; returns it. */
    public Batch start() {
      List<Runnable> first = new ArrayList<>();
      synchronized (waiting) {
        held = false;
        while (inFlight < perBatch && !waiting.isEmpty()) {
          first.add(waiting.poll());
          inFlight++;
        }
      }
      first.forEach(pool::execute);
      return this;
    }

    /** Makes the cluster hold desired: an apply, or nothing when the cached digest matches and nobody changed it. */
    public void apply(HasMetadata desired, HasMetadata cached) {
      if (desired.getMetadata().getAnnotations() == null) {
        desired.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
      String digest = DesiredHash.of(desired);
      desired.getMetadata().getAnnotations().put(DesiredHash.ANNOTATION, digest);
      if (cached != null
          && isUpToDate(desired, cached)
          && !(serverSideApply && FieldOwnership.drifted(cached, desired, FIELD_MANAGER))) {
        return;
      }
      submit(desired, () -> write(desired, cached));
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
      submit("Pod " + name, () -> client.pods().inNamespace(namespace).withName(name).delete());
    }

    /**
     * Removes an annotation another actor wrote (a served start request): server-side apply keeps every field another
     * field manager owns, so it would stay forever. Already gone is fine.
     */
    public void removeAnnotation(HasMetadata cached, String key) {
      String path = "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
      submit(
          cached,
          () -> {
            try {
              client
                  .resource(cached)
                  .patch(
                      PatchContext.of(PatchType.JSON),
                      "[{\"op\":\"remove\",\"path\":\"" + path + "\"}]");
            } catch (KubernetesClientException e) {
              if (e.getCode() != UNPROCESSABLE && e.getCode() != NOT_FOUND) {
                throw e;
              }
            }
          });
    }

    /** Waits for every write; returns one line per failed write. */
    public List<String> await() {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      synchronized (failures) {
        return List.copyOf(failures);
      }
    }

    private void submit(HasMetadata target, Runnable write) {
      submit(target.getKind() + " " + target.getMetadata().getName(), write);
    }

    private void submit(String what, Runnable write) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      pending.add(done);
      Runnable task =
          () -> {
            try {
              write.run();
            } catch (KubernetesClientException e) {
              fail(what, e);
            } finally {
              done.complete(null);
              next();
            }
          };
      synchronized (waiting) {
        if (held || inFlight >= perBatch) {
          waiting.add(task);
          return;
        }
        inFlight++;
      }
      pool.execute(task);
    }

    /** A write of this batch finished: its thread goes to the batch's next write, if any. */
    private void next() {
      Runnable task;
      synchronized (waiting) {
        task = waiting.poll();
        if (task == null) {
          inFlight--;
          return;
        }
      }
      pool.execute(task);
    }

    private void fail(String what, KubernetesClientException e) {
      synchronized (failures) {
        failures.add(what + ": " + ServerRefusal.describe(e));
      }
    }
  }

  /**
   * Server-side apply as the operator's one field manager: others' labels, finalizers and owner references stay, and a
   * field someone else changed is taken back. Create or replace where the server has no apply (the mock server).
   */
  private void write(HasMetadata desired, HasMetadata cached) {
    if (serverSideApply) {
      try {
        client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == UNSUPPORTED_MEDIA_TYPE) {
          serverSideApply = false;
          LOG.warn(
              "the API server has no server-side apply: children are created and replaced whole");
        } else if (e.getCode() != NOT_FOUND || cached != null) {
          throw e;
        }
      }
    }
    if (cached == null) {
      create(desired, true);
    } else {
      replace(desired, cached);
    }
  }

  private void create(HasMetadata desired, boolean replaceWhenPresent) {
    try {
      client.resource(desired).create();
    } catch (KubernetesClientException e) {
      // the informer had not yet seen an object created moments ago: its own event brings the next
      // reconcile
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
      update
          .getMetadata()
          .setLabels(
              merged(current.getMetadata().getLabels(), desired.getMetadata().getLabels(), ""));
      update
          .getMetadata()
          .setAnnotations(
              merged(
                  current.getMetadata().getAnnotations(),
                  desired.getMetadata().getAnnotations(),
                  OWNED_ANNOTATIONS));
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
  private static Map<String, String> merged(
      Map<String, String> existing, Map<String, String> desired, String ownedPrefix) {
    Map<String, String> result = new LinkedHashMap<>();
    if (existing != null) {
      existing.forEach(
          (key, value) -> {
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
    return desired
            .getMetadata()
            .getAnnotations()
            .get(DesiredHash.ANNOTATION)
            .equals(annotation(existing, DesiredHash.ANNOTATION))
        && !hasStrayAnnotations(desired, existing);
  }

  /** Annotations under the operator's prefix that desired no longer has, e.g. a consumed start request. */
  private static boolean hasStrayAnnotations(HasMetadata desired, HasMetadata cached) {
    Map<String, String> cachedAnnotations = cached.getMetadata().getAnnotations();
    return cachedAnnotations != null
        && cachedAnnotations.keySet().stream()
            .anyMatch(
                key ->
                    key.startsWith(OWNED_ANNOTATIONS)
                        && !desired.getMetadata().getAnnotations().containsKey(key));
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
