package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomStatus;
import dev.tito.api.classroom.RestartPolicy;
import dev.tito.api.classroom.RetainPolicy;
import dev.tito.operator.cache.CompareOnlyStore;
import dev.tito.operator.cluster.ChildWriter;
import dev.tito.operator.cluster.DesiredHash;
import dev.tito.operator.culling.ActivityWatch;
import dev.tito.operator.culling.ProbeTarget;
import dev.tito.operator.events.ConditionEvents;
import dev.tito.operator.events.ServerRefusal;
import dev.tito.operator.status.Conditions;
import dev.tito.operator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every student on a Classroom's roster a home volume, a Jupyter server, a Service, an access token,
 * (optionally) an Ingress path, and a ServiceAccount whose Role lets the server hand in work and read its results. Each reconcile observes (roster, cached children), validates, writes only what
 * differs, and writes the status once at the end.
 */
// a CSV roster is read on each reconcile, so its edits are picked up within the interval
@ControllerConfiguration(
    name = "classroom",
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class ClassroomReconciler implements Reconciler<Classroom> {
  private static final Duration RETRY_AFTER_FAILED_WRITES = Duration.ofSeconds(30);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Logger LOG = LoggerFactory.getLogger(ClassroomReconciler.class);

  private final KubernetesClient client;
  private final RosterReader rosterReader;
  private final ChildWriter writer;
  private final StatusRecorder<Classroom, ClassroomStatus> recorder;
  private final ActivityWatch activity;
  private final Duration activityPollInterval;
  private final Clock clock;
  private final String serverPriorityClass;
  private final String placeholderPriorityClass;
  private volatile boolean priorityClassPresent;
  private volatile IndexerResourceCache<Classroom> cachedClassrooms;
  private final SimpleInboundEventSource<Classroom> idleServers =
      new SimpleInboundEventSource<>("idle-servers");

  public ClassroomReconciler(
      KubernetesClient client,
      ChildWriter writer,
      ActivityWatch activity,
      Duration activityPollInterval,
      String serverPriorityClass,
      String placeholderPriorityClass,
      Clock clock) {
    this.client = client;
    this.rosterReader = new RosterReader(client);
    this.writer = writer;
    // a new condition is told only when False; Ready is told whenever it changes, others when they
    // turn False
    this.recorder =
        new StatusRecorder<>(
            client,
            new ConditionEvents(
                client,
                (old, now) ->
                    (old == null
                            ? ConditionEvents.isFalse(now)
                            : ConditionEvents.statusOrReasonChanged(old, now))
                        && (now.getType().equals(ClassroomStatusAggregator.READY)
                            || ConditionEvents.isFalse(now))),
            status -> status.conditions);
    this.activity = activity;
    this.activityPollInterval = activityPollInterval;
    this.clock = clock;
    this.serverPriorityClass = serverPriorityClass;
    this.placeholderPriorityClass = placeholderPriorityClass;
  }

  @Override
  public List<EventSource<?, Classroom>> prepareEventSources(
      EventSourceContext<Classroom> context) {
    List<EventSource<?, Classroom>> sources = new ArrayList<>();
    for (Class<? extends HasMetadata> kind :
        List.of(
            StatefulSet.class,
            Service.class,
            Secret.class,
            PersistentVolumeClaim.class,
            Ingress.class,
            NetworkPolicy.class,
            DaemonSet.class,
            Deployment.class,
            ServiceAccount.class,
            Role.class,
            RoleBinding.class)) {
      sources.add(childInformer(kind, ClassroomLabels.SELECTOR, true, context));
    }
    // of the operator's ConfigMaps (releases, feedback, results) only the results are a Classroom's
    // children; they
    // change with every submission graded, which the Classroom does not act on: only their deletion
    // wakes it
    sources.add(
        childInformer(
            ConfigMap.class,
            ClassroomLabels.SELECTOR
                + ","
                + ClassroomLabels.COMPONENT
                + "="
                + ClassroomLabels.RESULTS_COMPONENT,
            false,
            context));
    sources.add(idleServers);
    cachedClassrooms = context.getPrimaryCache();
    activity.start(
        activityPollInterval,
        key ->
            context
                .getPrimaryCache()
                .get(ResourceID.fromResource(classroomFromKey(key)))
                .isPresent(),
        key -> idleServers.propagateEvent(ResourceID.fromResource(classroomFromKey(key))));
    return sources;
  }

  /** The Classrooms this operator watches, as last seen (none before it starts or while it is a standby). */
  public Stream<Classroom> cachedClassrooms() {
    IndexerResourceCache<Classroom> cache = cachedClassrooms;
    return cache == null ? Stream.empty() : cache.list();
  }

  /**
   * Only the operator's own objects are cached (label-selected), each mapped to its Classroom by label.
   *
   * @param addsAndUpdatesMatter whether a child created or changed wakes its Classroom (a deleted one always does)
   */
  private static <R extends HasMetadata> InformerEventSource<R, Classroom> childInformer(
      Class<R> kind,
      String labelSelector,
      boolean addsAndUpdatesMatter,
      EventSourceContext<Classroom> context) {
    InformerEventSourceConfiguration.Builder<R> configuration =
        InformerEventSourceConfiguration.from(kind, Classroom.class)
            .withName(kind.getSimpleName())
            .withLabelSelector(labelSelector)
            .withItemStore(new CompareOnlyStore<>())
            .withSecondaryToPrimaryMapper(
                child -> {
                  String classroom =
                      child.getMetadata().getLabels() == null
                          ? null
                          : child.getMetadata().getLabels().get(ClassroomLabels.CLASSROOM);
                  return classroom == null
                      ? Set.of()
                      : Set.of(new ResourceID(classroom, child.getMetadata().getNamespace()));
                });
    if (!addsAndUpdatesMatter) {
      configuration.withOnAddFilter(child -> false).withOnUpdateFilter((now, before) -> false);
    }
    return new InformerEventSource<>(configuration.build(), context);
  }

  @Override
  public UpdateControl<Classroom> reconcile(Classroom classroom, Context<Classroom> context) {
    Instant now = clock.instant();
    // observe
    Roster roster = rosterReader.read(classroom);
    Children children = new Children(context);
    // validate
    List<Finding> specFindings = ClassroomValidation.check(classroom);
    Duration idleTimeout = ClassroomValidation.idleTimeoutOrNever(classroom);
    // reconcile
    ChildWriter.Batch writes = writer.batch();
    // the API server resolves a RoleBinding's Role to check escalation: bindings go once their
    // Roles exist
    ChildWriter.Batch bindings = writer.heldBatch();
    ClassroomStatusAggregator aggregator = new ClassroomStatusAggregator();
    List<ProbeTarget> running = new ArrayList<>();
    if (!ClassroomValidation.blocksProvisioning(specFindings)) {
      reconcileShared(classroom, children, writes);
      if (roster.complete()) {
        for (Student student : roster.students()) {
          reconcileStudent(
              classroom, student, idleTimeout, children, writes, bindings, aggregator, running);
        }
        removeLeftStudents(classroom, roster, children, writes);
      } else {
        countExisting(classroom, children, aggregator);
      }
    }
    activity.track(key(classroom), idleTimeout, running);
    List<String> failures = new ArrayList<>(writes.await());
    failures.addAll(bindings.start().await());
    // status, written in one place
    ClassroomStatus status = aggregator.build(classroom, roster, specFindings, failures, now);
    UpdateControl<Classroom> control = UpdateControl.noUpdate();
    if (recorder.record(classroom, status, context, now) == StatusRecorder.Outcome.STALE) {
      return control.rescheduleAfter(StatusRecorder.STALE_RETRY);
    }
    return failures.isEmpty() ? control : control.rescheduleAfter(RETRY_AFTER_FAILED_WRITES);
  }

  @Override
  public ErrorStatusUpdateControl<Classroom> updateErrorStatus(
      Classroom classroom, Context<Classroom> context, Exception e) {
    ClassroomStatus before =
        classroom.getStatus() == null ? new ClassroomStatus() : classroom.getStatus();
    ClassroomStatus status = SERIALIZATION.clone(before);
    String message = ServerRefusal.describe(e);
    status.conditions =
        new ArrayList<>(
            before.conditions.stream()
                .filter(c -> !c.getType().equals(ClassroomStatusAggregator.READY))
                .toList());
    status.conditions.add(
        0,
        Conditions.of(
            ClassroomStatusAggregator.READY,
            "False",
            "ReconcileError",
            message,
            classroom.getMetadata().getGeneration(),
            before.conditions,
            clock.instant()));
    try {
      recorder.record(classroom, status, context, clock.instant());
    } catch (KubernetesClientException refused) {
      LOG.warn(
          "could not show the error on Classroom {}/{}: {}",
          classroom.getMetadata().getNamespace(),
          classroom.getMetadata().getName(),
          ServerRefusal.describe(refused));
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private void reconcileShared(Classroom classroom, Children children, ChildWriter.Batch writes) {
    writes.apply(
        ClassroomNetworkPolicy.desired(classroom),
        children.networkPolicies.get(ClassroomNetworkPolicy.name(classroom)));
    writes.apply(
        GradingNetworkPolicy.desired(classroom),
        children.networkPolicies.get(GradingNetworkPolicy.name(classroom)));
    DaemonSet prePuller = children.daemonSets.get(ImagePrePuller.name(classroom));
    if (ImagePrePuller.enabled(classroom)) {
      writes.apply(ImagePrePuller.desired(classroom), prePuller);
    } else if (prePuller != null) {
      writes.delete(prePuller);
    }
    Deployment placeholders = children.deployments.get(CapacityPlaceholders.name(classroom));
    if (CapacityPlaceholders.replicas(classroom) > 0) {
      if (!priorityClassPresent) {
        PlaceholderPriorityClass.ensure(client, placeholderPriorityClass);
        priorityClassPresent = true;
      }
      writes.apply(CapacityPlaceholders.desired(classroom, placeholderPriorityClass), placeholders);
    } else if (placeholders != null) {
      writes.delete(placeholders);
    }
  }

  private void reconcileStudent(
      Classroom classroom,
      Student student,
      Duration idleTimeout,
      Children children,
      ChildWriter.Batch writes,
      ChildWriter.Batch bindings,
      ClassroomStatusAggregator aggregator,
      List<ProbeTarget> running) {
    String serverName = StudentNames.server(classroom, student.id());
    Secret token = children.secrets.get(StudentNames.token(classroom, student.id()));
    writes.createIfAbsent(
        StudentAccessToken.desired(classroom, student, StudentAccessToken.newToken()), token);
    writes.createIfAbsent(
        StudentHomeVolume.desired(classroom, student),
        children.volumes.get(StudentNames.home(classroom, student.id())));
    Service service = children.services.get(serverName);
    if (StudentService.mustBeReplaced(service)) {
      // an older operator's Service with a cluster IP: its deletion event brings the reconcile that
      // recreates it
      writes.delete(service);
    } else {
      writes.apply(StudentService.desired(classroom, student), service);
    }
    writes.apply(
        StudentServiceAccount.desired(classroom, student),
        children.serviceAccounts.get(serverName));
    String roleName = StudentNames.submitRole(classroom, student.id());
    writes.apply(StudentSubmitRole.desired(classroom, student), children.roles.get(roleName));
    bindings.apply(
        StudentSubmitRoleBinding.desired(classroom, student), children.roleBindings.get(roleName));
    Ingress ingress = children.ingresses.get(serverName);
    if (StudentIngress.enabled(classroom)) {
      writes.apply(StudentIngress.desired(classroom, student), ingress);
    } else if (ingress != null) {
      writes.delete(ingress);
    }

    PodTemplateSpec template = StudentServer.template(classroom, student, serverPriorityClass);
    String templateHash = DesiredHash.of(template);
    StatefulSet server = children.servers.get(serverName);
    ServerState state = nextState(classroom, server, templateHash, idleTimeout);
    if (server != null
        && state.running()
        && isRunning(server)
        && !templateHash.equals(state.startedTemplate())
        && classroom.getSpec().environment.restartPolicy == RestartPolicy.Immediate) {
      writes.deletePod(classroom.getMetadata().getNamespace(), serverName + "-0");
      state = ServerState.running(templateHash);
    }
    writes.apply(StudentServer.desired(classroom, student, template, templateHash, state), server);
    if (state.running() && hasStartRequest(server)) {
      // served once the server runs; removed after this reconcile's applies (the request is another
      // manager's field)
      bindings.removeAnnotation(server, ServerState.START_REQUEST);
    }
    aggregator.student(state, server, templateHash);
    if (state.running() && token != null && !idleTimeout.isZero()) {
      running.add(
          new ProbeTarget(
              key(classroom.getMetadata().getNamespace(), serverName),
              statusUri(classroom, student, serverName),
              StudentAccessToken.read(token)));
    }
  }

  /** Whether the student's server runs next: started on request, stopped when idle, otherwise as it is. */
  private ServerState nextState(
      Classroom classroom, StatefulSet server, String templateHash, Duration idleTimeout) {
    if (server == null) {
      return Boolean.FALSE.equals(classroom.getSpec().environment.startOnProvision)
          ? ServerState.stopped("NotStarted", null)
          : ServerState.running(templateHash);
    }
    Map<String, String> annotations =
        server.getMetadata().getAnnotations() == null
            ? Map.of()
            : server.getMetadata().getAnnotations();
    if (!isRunning(server)) {
      return annotations.containsKey(ServerState.START_REQUEST)
          ? ServerState.running(templateHash)
          : ServerState.stopped(
              annotations.getOrDefault(ServerState.STOP_REASON, "Stopped"),
              annotations.get(ServerState.LAST_ACTIVITY));
    }
    Optional<Instant> idle =
        activity.idleSince(
            key(server.getMetadata().getNamespace(), server.getMetadata().getName()), idleTimeout);
    if (idle.isPresent()) {
      return ServerState.stopped("Idle", idle.get().toString());
    }
    return ServerState.running(
        annotations.getOrDefault(ServerState.STARTED_TEMPLATE, templateHash));
  }

  /** Students no longer on the roster lose their server; their home stays unless retainPolicy is Delete. */
  private void removeLeftStudents(
      Classroom classroom, Roster roster, Children children, ChildWriter.Batch writes) {
    Set<String> onRoster =
        roster.students().stream().map(Student::id).collect(Collectors.toCollection(HashSet::new));
    boolean deleteHomes = classroom.getSpec().environment.home.retainPolicy == RetainPolicy.Delete;
    for (Map<String, ? extends HasMetadata> kind :
        List.of(
            children.servers,
            children.services,
            children.secrets,
            children.ingresses,
            children.volumes,
            children.serviceAccounts,
            children.roles,
            children.roleBindings,
            children.results)) {
      for (HasMetadata child : kind.values()) {
        String student = child.getMetadata().getLabels().get(ClassroomLabels.STUDENT);
        boolean isHome = child instanceof PersistentVolumeClaim;
        if (student != null && !onRoster.contains(student) && (!isHome || deleteHomes)) {
          writes.delete(child);
        }
      }
    }
  }

  /** When the roster cannot be read nobody is added or removed; counts come from the servers that exist. */
  private void countExisting(
      Classroom classroom, Children children, ClassroomStatusAggregator aggregator) {
    for (StatefulSet server : children.servers.values()) {
      Map<String, String> annotations =
          server.getMetadata().getAnnotations() == null
              ? Map.of()
              : server.getMetadata().getAnnotations();
      String templateHash = annotations.getOrDefault(ServerState.TEMPLATE_HASH, "");
      ServerState state =
          isRunning(server)
              ? ServerState.running(
                  annotations.getOrDefault(ServerState.STARTED_TEMPLATE, templateHash))
              : ServerState.stopped(
                  annotations.get(ServerState.STOP_REASON),
                  annotations.get(ServerState.LAST_ACTIVITY));
      aggregator.student(state, server, templateHash);
    }
  }

  private static boolean hasStartRequest(StatefulSet server) {
    return server != null
        && server.getMetadata().getAnnotations() != null
        && server.getMetadata().getAnnotations().containsKey(ServerState.START_REQUEST);
  }

  private static boolean isRunning(StatefulSet server) {
    return server.getSpec().getReplicas() != null && server.getSpec().getReplicas() > 0;
  }

  private static URI statusUri(Classroom classroom, Student student, String serverName) {
    return URI.create(
        "http://"
            + serverName
            + "."
            + classroom.getMetadata().getNamespace()
            + ".svc:"
            + classroom.getSpec().environment.port
            + StudentIngress.basePath(classroom, student)
            + "api/status");
  }

  private static String key(Classroom classroom) {
    return key(classroom.getMetadata().getNamespace(), classroom.getMetadata().getName());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static Classroom classroomFromKey(String key) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setNamespace(key.substring(0, key.indexOf('/')));
    classroom.getMetadata().setName(key.substring(key.indexOf('/') + 1));
    return classroom;
  }

  /** This classroom's children as the informers last saw them, by name. */
  private static final class Children {
    final Map<String, StatefulSet> servers;
    final Map<String, Service> services;
    final Map<String, Secret> secrets;
    final Map<String, PersistentVolumeClaim> volumes;
    final Map<String, Ingress> ingresses;
    final Map<String, NetworkPolicy> networkPolicies;
    final Map<String, DaemonSet> daemonSets;
    final Map<String, Deployment> deployments;
    final Map<String, ServiceAccount> serviceAccounts;
    final Map<String, Role> roles;
    final Map<String, RoleBinding> roleBindings;
    final Map<String, ConfigMap> results;

    Children(Context<Classroom> context) {
      servers = byName(context, StatefulSet.class);
      services = byName(context, Service.class);
      secrets = byName(context, Secret.class);
      volumes = byName(context, PersistentVolumeClaim.class);
      ingresses = byName(context, Ingress.class);
      networkPolicies = byName(context, NetworkPolicy.class);
      daemonSets = byName(context, DaemonSet.class);
      deployments = byName(context, Deployment.class);
      serviceAccounts = byName(context, ServiceAccount.class);
      roles = byName(context, Role.class);
      roleBindings = byName(context, RoleBinding.class);
      results = byName(context, ConfigMap.class);
    }

    private static <R extends HasMetadata> Map<String, R> byName(
        Context<Classroom> context, Class<R> kind) {
      return context
          .getSecondaryResourcesAsStream(kind)
          .collect(
              Collectors.toMap(r -> r.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }
  }
}
