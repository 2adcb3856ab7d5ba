package dev.tito.gateway.classes;

import dev.tito.api.classroom.Classroom;
import dev.tito.operator.classroom.Student;
import dev.tito.operator.classroom.StudentIngress;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may reach which server, built from the Classrooms and their rosters: a person signed in as {@code user} (the
 * identifying claim's value) owns the servers of every roster entry whose e-mail or id equals it, compared without
 * regard to case, and teaches the Classrooms that list it among their instructors.
 */
public final class Directory {
  /** One Classroom with the students its roster holds (as the operator reads it). */
  public record ClassRoster(Classroom classroom, List<Student> students) {}

  /** One Classroom an instructor teaches. */
  public record ClassRef(String namespace, String classroom) {}

  public static final Directory EMPTY = of(List.of());

  private final Map<String, ServerRef> byBasePath;
  private final Map<String, Set<ServerRef>> byUser;
  private final Map<String, Set<ClassRef>> teaching;
  private final Set<ClassRef> instructorsOpenServers;
  private final Map<String, ServerRef> byName;

  private Directory(
      Map<String, ServerRef> byBasePath,
      Map<String, Set<ServerRef>> byUser,
      Map<String, Set<ClassRef>> teaching,
      Set<ClassRef> instructorsOpenServers) {
    this.byBasePath = Map.copyOf(byBasePath);
    this.byUser = Map.copyOf(byUser);
    this.teaching = Map.copyOf(teaching);
    this.instructorsOpenServers = Set.copyOf(instructorsOpenServers);
    Map<String, ServerRef> names = new HashMap<>();
    Set<String> shared = new java.util.HashSet<>();
    byBasePath.values().stream()
        .filter(s -> names.putIfAbsent(s.name(), s) != null)
        .forEach(s -> shared.add(s.name()));
    // one name in two namespaces: neither server has a host of its own until one is renamed
    names.keySet().removeAll(shared);
    this.byName = Map.copyOf(names);
  }

  public static Directory of(Collection<ClassRoster> classes) {
    Map<String, ServerRef> byBasePath = new HashMap<>();
    Map<String, Set<ServerRef>> byUser = new HashMap<>();
    Map<String, Set<ClassRef>> teaching = new HashMap<>();
    Set<ClassRef> instructorsOpenServers = new java.util.HashSet<>();
    for (ClassRoster roster : classes) {
      Classroom classroom = roster.classroom();
      String namespace = classroom.getMetadata().getNamespace();
      String name = classroom.getMetadata().getName();
      for (Student student : roster.students()) {
        ServerRef server =
            new ServerRef(
                namespace,
                name,
                student.id(),
                StudentIngress.basePath(classroom, student),
                classroom.getSpec().environment.port);
        // two classes of one name in two namespaces share a path: neither is reachable until one is
        // renamed
        if (byBasePath.putIfAbsent(server.basePath(), server) != null) {
          byBasePath.put(server.basePath(), null);
          continue;
        }
        add(byUser, student.id(), server);
        if (student.email() != null && !student.email().isBlank()) {
          add(byUser, student.email(), server);
        }
      }
      if (classroom.getSpec().gateway != null) {
        classroom
            .getSpec()
            .gateway
            .instructors
            .forEach(user -> add(teaching, user, new ClassRef(namespace, name)));
        if (classroom.getSpec().gateway.instructorsMayOpenServers()) {
          instructorsOpenServers.add(new ClassRef(namespace, name));
        }
      }
    }
    byBasePath.values().removeIf(java.util.Objects::isNull);
    byUser
        .values()
        .forEach(servers -> servers.removeIf(s -> !s.equals(byBasePath.get(s.basePath()))));
    return new Directory(byBasePath, byUser, teaching, instructorsOpenServers);
  }

  public Map<String, ServerRef> serversByBasePath() {
    return byBasePath;
  }

  public Set<ServerRef> serversOf(String user) {
    return user == null ? Set.of() : byUser.getOrDefault(key(user), Set.of());
  }

  public Set<ClassRef> classesTaughtBy(String user) {
    return user == null ? Set.of() : teaching.getOrDefault(key(user), Set.of());
  }

  /** The server of this name ({@code <classroom>-<student>}), or null (none, or one in two namespaces). */
  public ServerRef serverNamed(String name) {
    return name == null ? null : byName.get(name);
  }

  /** Whether the person teaches the server's class and that class lets its instructors open students' servers. */
  public boolean mayOpen(String user, ServerRef server) {
    ClassRef classroom = new ClassRef(server.namespace(), server.classroom());
    return instructorsOpenServers.contains(classroom) && classesTaughtBy(user).contains(classroom);
  }

  /** The servers the person may open as an instructor, in no particular order. */
  public List<ServerRef> serversOpenableBy(String user) {
    Set<ClassRef> classes = classesTaughtBy(user);
    return byBasePath.values().stream()
        .filter(s -> classes.contains(new ClassRef(s.namespace(), s.classroom())))
        .filter(s -> mayOpen(user, s))
        .toList();
  }

  /** Whether the person is on any roster or teaches any class here. */
  public boolean knows(String user) {
    return !serversOf(user).isEmpty() || !classesTaughtBy(user).isEmpty();
  }

  private static <T> void add(Map<String, Set<T>> map, String user, T value) {
    map.computeIfAbsent(key(user), k -> new LinkedHashSet<>()).add(value);
  }

  private static String key(String user) {
    return user.trim().toLowerCase(Locale.ROOT);
  }
}
