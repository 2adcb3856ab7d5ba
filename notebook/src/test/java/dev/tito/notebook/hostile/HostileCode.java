package dev.tito.notebook.hostile;

import java.nio.file.Path;

/** The Python of the hostile submissions; every attack is bounded by itself, limits or not. */
public final class HostileCode {
  /** Stops by itself at 50 MB; the run's 10 MB file-size limit stops it first. */
  public static final String FILLS_DISK =
      """
      written = 0
      try:
          with open('filler.bin', 'wb') as f:
              while written < 50 * 10**6:
                  f.write(b'0' * 10**6)
                  f.flush()
                  written += 10**6
      except OSError as e:
          print('stopped at', written // 10**6, 'MB:', e)
      """;

  /** A notebook file in the working directory, then bytes on every standard output it can reach. */
  public static final String FORGES_NOTEBOOK =
      """
      import json, os, sys
      fake = json.dumps({'cells': [], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5})
      open('p1.ipynb', 'w').write(fake)
      os.write(1, fake.encode())
      original = getattr(sys.stdout, '_original_stdstream_copy', None)
      if original is not None:
          os.write(original, fake.encode())
      for target in ['/proc/%d/fd/1' % os.getppid(), '/proc/%d/mem' % os.getppid()]:
          try:
              with open(target, 'w') as out:
                  out.write(fake)
              print(target, 'written')
          except OSError as e:
              print(target, 'denied', e)
      """;

  /** kill(-1) only inside tito's PID namespace (nobody, parent is PID 1): elsewhere it is every process of the user. */
  public static final String KILLS_EVERYONE =
      """
      import os, signal
      if os.getuid() == 65534 and os.getppid() == 1:
          os.kill(-1, signal.SIGKILL)
          print('signalled every process it may')
      os.kill(os.getppid(), signal.SIGKILL)
      print('parent still alive')
      """;

  private HostileCode() {}

  /** The fork bomb's children run {@code sleep} with this argument, so that a leftover one can be found. */
  public static final String CHILD_MARK = "20.4817";

  /** Stops by itself after {@code most} children, each gone after 20 s. */
  public static String forkBomb(int most) {
    return """
        import os
        children = []
        for i in range(%d):
            try:
                pid = os.fork()
            except OSError as e:
                print('fork refused after', i, e)
                break
            if pid == 0:
                try:
                    os.execv('/bin/sleep', ['sleep', '%s'])
                finally:
                    os._exit(0)
            children.append(pid)
        else:
            print('forked', len(children))
        """
        .formatted(most, CHILD_MARK);
  }

  /** No packet leaves: a UDP connect to TEST-NET-1 only looks up a route; the TCP target is this machine's loopback. */
  public static String usesNetwork(int hostPort) {
    return """
        import socket
        print('interfaces:', sorted(name for _, name in socket.if_nameindex()))
        try:
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM).connect(('192.0.2.1', 9))
            print('internet: route found')
        except OSError as e:
            print('internet: refused', e)
        try:
            socket.create_connection(('127.0.0.1', %d), timeout=2).close()
            print('host loopback: connected')
        except OSError as e:
            print('host loopback: refused', e)
        """
        .formatted(hostPort);
  }

  /** The gradebook, the instructor's source and another student's submission by absolute path; the run's folders. */
  static String readsCourse(Path course) {
    String root = course.toString();
    return readsFiles(
        java.util.Map.of(
            "gradebook",
            root + "/.tito/m1.json",
            "source",
            root + "/source/m1/p1.ipynb",
            "honest",
            root + "/submitted/honest/m1/p1.ipynb",
            "own notebook",
            "p1.ipynb"));
  }

  /** Each file's first 300 characters, or why not (missing, denied), by label; then the listing of the parent folder. */
  public static String readsFiles(java.util.Map<String, String> targets) {
    StringBuilder python = new StringBuilder("import os\ntargets = {");
    new java.util.TreeMap<>(targets)
        .forEach(
            (label, path) ->
                python
                    .append(pythonString(label))
                    .append(": ")
                    .append(pythonString(path))
                    .append(", "));
    return python
        .append(
            """
        }
        for label, path in targets.items():
            try:
                print(label + ': read', open(path).read()[:300])
            except FileNotFoundError as e:
                print(label + ': missing', e)
            except OSError as e:
                print(label + ': denied', e)
        try:
            print('listing of ..:', os.listdir('..'))
        except OSError as e:
            print('listing of ..: denied', e)
        """)
        .toString();
  }

  private static String pythonString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
