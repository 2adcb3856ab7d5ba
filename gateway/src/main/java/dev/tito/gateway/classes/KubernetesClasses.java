package dev.tito.gateway.classes;

import dev.tito.api.classroom.Classroom;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.RosterReader;
import dev.tito.operator.classroom.ServerState;
import dev.tito.operator.classroom.StudentAccessToken;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's view of the classes, through the Kubernetes API and nothing else the chart does not grant: Classrooms
 * and roster ConfigMaps read, student servers (StatefulSets) watched and given the start annotation, their pods read
 * for progress, token Secrets read by name, and an Event when a start fails.
 */
public final class KubernetesClasses implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesClasses.class);
  static final String FIELD_MANAGER = "tito-gateway";

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final RosterReader rosters;
  private final Clock clock;
  private final List<SharedIndexInformer<StatefulSet>> servers = new ArrayList<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Set<String> toldFailures = ConcurrentHashMap.newKeySet();
  private volatile Directory directory = Directory.EMPTY;

  public KubernetesClasses(KubernetesClient client, List<String> namespaces, Clock clock) {
    this.client = client;
    this.namespaces = List.copyOf(namespaces);
    this.rosters = new RosterReader(client);
    this.clock = clock;
  }

  /** Starts watching the student servers (label-selected: nothing else is cached). */
  public void start() {
    for (String namespace :
        namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null) : namespaces) {
      var selected =
          namespace == null
              ? client.apps().statefulSets().inAnyNamespace()
              : client.apps().statefulSets().inNamespace(namespace);
      servers.add(
          selected
              .withLabel(ClassroomLabels.MANAGED_BY, ClassroomLabels.OPERATOR)
              .withLabel(ClassroomLabels.COMPONENT, ClassroomLabels.SERVER_COMPONENT)
              .inform());
    }
  }

  /** Reads every served Classroom and its roster again; a class that cannot be read keeps nobody out of the others. */
  public Directory refresh() {
    List<Directory.ClassRoster> classes = new ArrayList<>();
    for (Classroom classroom : classrooms()) {
      var roster = rosters.read(classroom);
      roster
          .findings()
          .forEach(
              f ->
                  LOG.debug(
                      "{}/{}: {}",
                      classroom.getMetadata().getNamespace(),
                      classroom.getMetadata().getName(),
                      f.message()));
      classes.add(new Directory.ClassRoster(classroom, roster.students()));
    }
    directory = Directory.of(classes);
    return directory;
  }

  public Directory directory() {
    return directory;
  }

  /** The server's StatefulSet as last seen, or null. */
  public StatefulSet server(ServerRef server) {
    for (SharedIndexInformer<StatefulSet> informer : servers) {
      StatefulSet found = informer.getStore().getByKey(server.namespace() + "/" + server.name());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Whether the server runs and its pod is ready to be proxied to. */
  public boolean ready(ServerRef server) {
    StatefulSet set = server(server);
    return set != null
        && set.getSpec().getReplicas() != null
        && set.getSpec().getReplicas() > 0
        && set.getStatus() != null
        && set.getStatus().getReadyReplicas() != null
        && set.getStatus().getReadyReplicas() > 0;
  }

  /** Whether the server exists and has no replica: only then is a start asked for (a starting one needs none). */
  public boolean stopped(ServerRef server) {
    StatefulSet set = server(server);
    return set != null && (set.getSpec().getReplicas() == null || set.getSpec().getReplicas() == 0);
  }

  /**
   * Asks the operator to start a stopped server: the start annotation, the only field the gateway writes on a server.
   * Returns the progress as the API server answered.
   */
  public Progress requestStart(ServerRef server) {
    StatefulSet requested =
        client
            .apps()
            .statefulSets()
            .inNamespace(server.namespace())
            .withName(server.name())
            .patch(
                new PatchContext.Builder()
                    .withPatchType(PatchType.JSON_MERGE)
                    .withFieldManager(FIELD_MANAGER)
                    .build(),
                "{\"metadata\":{\"annotations\":{\""
                    + ServerState.START_REQUEST
                    + "\":\""
                    + clock.instant()
                    + "\"}}}");
    // as the API server answered, not the watch's copy, which has not seen the request yet
    return Progress.of(requested, null, clock.instant());
  }

  /** How far the server is from ready; a failure is also told to the instructor as a Warning Event, once. */
  public Progress progress(ServerRef server) {
    StatefulSet set = server(server);
    Pod pod =
        set == null || set.getSpec().getReplicas() == null || set.getSpec().getReplicas() == 0
            ? null
            : client.pods().inNamespace(server.namespace()).withName(server.name() + "-0").get();
    Progress progress = Progress.of(set, pod, clock.instant());
    if (progress.failed()
        && set != null
        && toldFailures.add(server.key() + " " + progress.detail())) {
      tellInstructor(set, progress);
    } else if (!progress.failed()) {
      toldFailures.removeIf(key -> key.startsWith(server.key() + " "));
    }
    return progress;
  }

  /** The student's Jupyter token, read once from the Secret the operator made and kept in memory only. */
  public String token(ServerRef server) {
    return tokens.computeIfAbsent(
        server.key(),
        key -> {
          Secret secret =
              client
                  .secrets()
                  .inNamespace(server.namespace())
                  .withName(server.name() + "-token")
                  .get();
          String token = secret == null ? null : StudentAccessToken.read(secret);
          if (token == null) {
            throw new IllegalStateException(
                "the access token Secret "
                    + server.namespace()
                    + "/"
                    + server.name()
                    + "-token is missing");
          }
          return token;
        });
  }

  /** The token when it was read before, without a call to the API server (the proxy's hot path). */
  public String cachedToken(ServerRef server) {
    return tokens.get(server.key());
  }

  /** Forgets a token the server refused (a student removed and added again gets a new one). */
  public void forgetToken(ServerRef server) {
    tokens.remove(server.key());
  }

  private List<Classroom> classrooms() {
    if (namespaces.isEmpty()) {
      return client.resources(Classroom.class).inAnyNamespace().list().getItems();
    }
    List<Classroom> all = new ArrayList<>();
    for (String namespace : namespaces) {
      all.addAll(client.resources(Classroom.class).inNamespace(namespace).list().getItems());
    }
    return all;
  }

  private void tellInstructor(StatefulSet set, Progress progress) {
    try {
      event(
          set,
          "Warning",
          "ServerStartFailed",
          "-start-",
          progress.message() + " (" + progress.detail() + ")");
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot record why {} failed to start: {}", set.getMetadata().getName(), e.getMessage());
    }
  }

  /**
   * Records on the student's server that an instructor opened it (the audit the Classroom's instructorsOpenServers
   * promises); throws when it cannot be recorded, and the server is then not opened.
   */
  public void tellOpened(ServerRef server, String instructor) {
    StatefulSet set = server(server);
    if (set == null) {
      throw new IllegalStateException("the server " + server.key() + " is not known");
    }
    event(
        set,
        "Normal",
        "InstructorOpenedServer",
        "-opened-",
        instructor
            + " opened "
            + server.student()
            + "'s server through the gateway (an instructor of "
            + server.classroom()
            + ")");
  }

  private void event(StatefulSet set, String type, String reason, String infix, String message) {
    String now = clock.instant().toString();
    client
        .v1()
        .events()
        .inNamespace(set.getMetadata().getNamespace())
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withGenerateName(set.getMetadata().getName() + infix)
                .endMetadata()
                .withInvolvedObject(
                    new ObjectReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("StatefulSet")
                        .withName(set.getMetadata().getName())
                        .withNamespace(set.getMetadata().getNamespace())
                        .withUid(set.getMetadata().getUid())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource()
                .withComponent(FIELD_MANAGER)
                .endSource()
                .build())
        .create();
  }

  @Override
  public void close() {
    servers.forEach(SharedIndexInformer::close);
  }
}
