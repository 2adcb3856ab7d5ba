package dev.tito.operator.grading;

import dev.tito.operator.bench.IndexedCrudDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.Map;
import java.util.Queue;

/**
 * What the mock server's CRUD mode does (a response the test scripted with {@code server.expect()} first, such as a
 * pod's log, else the object store), over the store indexed by name: a class of 1,000 costs a lookup, not a scan.
 */
final class IndexedMixedDispatcher extends IndexedCrudDispatcher {
  private final Map<ServerRequest, Queue<ServerResponse>> scripted;
  private final MockDispatcher scriptedResponses;

  IndexedMixedDispatcher(Map<ServerRequest, Queue<ServerResponse>> scripted) {
    this.scripted = scripted;
    this.scriptedResponses = new MockDispatcher(scripted);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Queue<ServerResponse> answers =
        scripted.get(new SimpleRequest(request.method(), request.getPath()));
    return answers != null && !answers.isEmpty()
        ? scriptedResponses.dispatch(request)
        : super.dispatch(request);
  }
}
