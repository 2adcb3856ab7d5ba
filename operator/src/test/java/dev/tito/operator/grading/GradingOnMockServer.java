package dev.tito.operator.grading;

import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The real operator in this JVM, on the mock server of {@link CoursesOnMockServer}. Its permissions are proven from the
 * real API server's audit log (OperatorOnRealApiServerTest), not here.
 */
abstract class GradingOnMockServer extends CoursesOnMockServer {
  static TitoOperator operator;

  @BeforeAll
  static void startInProcessOperator() {
    operator = startOperator();
  }

  static TitoOperator startOperator() {
    TitoOperator started =
        new TitoOperator(
            client,
            OperatorConfig.local(Duration.ofMinutes(1))
                .withGradingRetryBackoff(Duration.ofMillis(100)),
            (uri, token) -> Optional.empty(),
            Clock.systemUTC());
    started.start();
    return started;
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }
}
