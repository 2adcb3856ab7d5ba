package dev.tito.operator.culling;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** Asks a running Jupyter server when its kernels were last active. */
public interface ServerActivity {
  /** The server's last activity, or empty when it cannot tell (starting, unreachable): never a reason to stop it. */
  Optional<Instant> lastActivity(URI statusUri, String token);
}
