package dev.tito.console.live;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.console.course.CourseSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The console's one watch of a class's namespace: an informer per kind (Classrooms, Assignments, Submissions, the
 * students' servers and their pods), started once and shared by every page and every live view. Changes are told to
 * the listener at most twice a second, however many objects changed: as grades when a Submission or an Assignment
 * changed (the class's view changes with them), else as the class.
 */
public final class ClassWatch implements AutoCloseable {
  static final String COMPONENT = "app.kubernetes.io/component";
  static final String SERVER = "jupyter-server";
  private static final long COALESCE_MILLIS = 500;

  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final AtomicBoolean classChanged = new AtomicBoolean();
  private final AtomicBoolean gradesChanged = new AtomicBoolean();
  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "console-watch");
            thread.setDaemon(true);
            return thread;
          });
  private final SharedIndexInformer<Classroom> classrooms;
  private final SharedIndexInformer<Assignment> assignments;
  private final SharedIndexInformer<Submission> submissions;
  private final SharedIndexInformer<StatefulSet> servers;
  private final SharedIndexInformer<Pod> pods;

  /**
   * Lists and watches the namespace; a kind the identity may not list is one line naming it.
   *
   * @throws IllegalArgumentException when the kubeconfig's identity may not read the class
   */
  public ClassWatch(
      KubernetesClient client, String namespace, Consumer<CourseSource.Change> onChange) {
    classrooms =
        inform(
            client.resources(Classroom.class).inNamespace(namespace),
            "classrooms",
            namespace,
            classChanged);
    assignments =
        inform(
            client.resources(Assignment.class).inNamespace(namespace),
            "assignments",
            namespace,
            gradesChanged);
    submissions =
        inform(
            client.resources(Submission.class).inNamespace(namespace),
            "submissions",
            namespace,
            gradesChanged);
    servers =
        inform(
            client.apps().statefulSets().inNamespace(namespace).withLabel(COMPONENT, SERVER),
            "statefulsets",
            namespace,
            classChanged);
    pods =
        inform(
            client.pods().inNamespace(namespace).withLabel(COMPONENT, SERVER),
            "pods",
            namespace,
            classChanged);
    ticks.scheduleWithFixedDelay(
        () -> {
          if (gradesChanged.getAndSet(false)) {
            classChanged.set(false);
            onChange.accept(CourseSource.Change.GRADES);
          } else if (classChanged.getAndSet(false)) {
            onChange.accept(CourseSource.Change.CLASS);
          }
        },
        COALESCE_MILLIS,
        COALESCE_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /** @param changed the flag this kind's events raise */
  private <T extends HasMetadata> SharedIndexInformer<T> inform(
      Informable<T> source, String kind, String namespace, AtomicBoolean changed) {
    try {
      SharedIndexInformer<T> informer =
          source.inform(
              new ResourceEventHandler<>() {
                @Override
                public void onAdd(T obj) {
                  changed.set(true);
                }

                @Override
                public void onUpdate(T oldObj, T newObj) {
                  changed.set(true);
                }

                @Override
                public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                  changed.set(true);
                }
              },
              0);
      informers.add(informer);
      return informer;
    } catch (KubernetesClientException e) {
      close();
      if (e.getCode() == 403) {
        throw new IllegalArgumentException(
            "your kubeconfig's identity may not list and watch "
                + kind
                + " in namespace "
                + namespace
                + ": an instructor needs the chart's instructor role there "
                + "(helm ... --set instructors.users[0]=YOU; docs/manual-grading.md)",
            e);
      }
      throw e;
    }
  }

  public List<Classroom> classrooms() {
    return classrooms.getStore().list();
  }

  public List<Assignment> assignments() {
    return assignments.getStore().list();
  }

  public List<Submission> submissions() {
    return submissions.getStore().list();
  }

  public List<StatefulSet> servers() {
    return servers.getStore().list();
  }

  public List<Pod> pods() {
    return pods.getStore().list();
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
  }
}
