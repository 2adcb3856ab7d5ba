package dev.tito.controlplane;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real control plane for a test class: started once per test JVM (stopped when it exits), with a namespace of the
 * class's own labelled {@code pod-security.kubernetes.io/enforce: restricted}. Without the binaries the class is
 * skipped with one line saying how to build them; under {@code CI=true} it fails instead.
 *
 * <pre>{@code @RegisterExtension static final RealApiServer api = new RealApiServer();}</pre>
 */
public final class RealApiServer implements BeforeAllCallback, AfterAllCallback {
  private static ControlPlane shared;
  private static boolean toldWhySkipped;

  private final ControlPlane.Options options;
  private ControlPlane controlPlane;
  private KubernetesClient admin;
  private String namespace;

  public RealApiServer() {
    this(null);
  }

  /** A control plane of the class's own, with these options (not the JVM's shared one). */
  public RealApiServer(ControlPlane.Options options) {
    this.options = options;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    controlPlane =
        options == null
            ? shared()
            : ownControlPlane(context.getRequiredTestClass().getSimpleName(), options);
    admin = controlPlane.adminClient();
    namespace = createNamespace(context.getRequiredTestClass().getSimpleName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (admin != null) {
      admin.namespaces().withName(namespace).delete();
      admin.close();
    }
    if (options != null && controlPlane != null) {
      controlPlane.close();
    }
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** A client as the cluster's administrator. */
  public KubernetesClient admin() {
    return admin;
  }

  /** This class's namespace (restricted pod security). */
  public String namespace() {
    return namespace;
  }

  /** Another fresh namespace, labelled as the class's own is. */
  public String createNamespace(String prefix) {
    String name =
        (prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")
            + "-"
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36));
    name =
        name.length() > 40 ? name.substring(name.length() - 40).replaceAll("^[^a-z]+", "") : name;
    return RestrictedNamespace.create(admin, name);
  }

  private static synchronized ControlPlane shared() {
    if (shared == null) {
      shared = ownControlPlane("shared", ControlPlane.Options.defaults());
      ControlPlane started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "control-plane-stop"));
    }
    return shared;
  }

  /**
   * The binaries, or the calling test skipped with one line saying how to build them (failed under {@code CI=true},
   * where a skipped test would hide that nothing ran).
   */
  public static synchronized ControlPlaneBinaries binariesOrSkip() {
    ControlPlaneBinaries binaries = ControlPlaneBinaries.find().orElse(null);
    if (binaries == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(ControlPlaneBinaries.missing());
      }
      if (!toldWhySkipped) {
        // Surefire's summary shows a skipped class without its reason: the developer sees this line
        // once per module
        System.err.println(
            "skipping the tests on a real API server: " + ControlPlaneBinaries.missing());
        toldWhySkipped = true;
      }
      Assumptions.abort(ControlPlaneBinaries.missing());
    }
    return binaries;
  }

  private static ControlPlane ownControlPlane(String name, ControlPlane.Options options) {
    ControlPlaneBinaries binaries = binariesOrSkip();
    try {
      Path folder = Files.createDirectories(Path.of("target", "control-plane"));
      return ControlPlane.start(binaries, Files.createTempDirectory(folder, name + "-"), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How long a test may wait for the real controllers (Job, StatefulSet, garbage collector) on a loaded machine. */
  public static Duration patience() {
    return Duration.ofSeconds(60);
  }
}
