package dev.tito.operator.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The mock server's CRUD store with an index by object name, so that finding one object costs the same however many
 * are stored (the stock dispatcher scans every entry per get, create, update and patch: quadratic for large classes).
 * List and watch requests still scan, as before.
 */
public class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private final Map<Attribute, Set<AttributeSet>> byName = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

  public IndexedCrudDispatcher() {
    try {
      Field store = CrudDispatcher.class.getDeclaredField("map");
      store.setAccessible(true);
      store.set(this, Collections.synchronizedMap(new IndexedStore()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the mock server's store changed shape: " + e, e);
    }
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Attribute name = query.getAttribute(KubernetesAttributesExtractor.NAME);
    if (name == null || name.getType() != AttributeType.WITH) {
      return super.findResource(query);
    }
    for (AttributeSet candidate : byName.getOrDefault(name, Set.of())) {
      String value = map.get(candidate);
      if (value != null && candidate.matches(query)) {
        return Map.entry(candidate, value);
      }
    }
    return null;
  }

  /** A GET of one object by name uses the index too (the stock GET scans every entry under the store's lock). */
  @Override
  public MockResponse handleGet(String path) {
    AttributeSet query = getKey(path);
    Attribute name = query.getAttribute(KubernetesAttributesExtractor.NAME);
    if (name == null || name.getType() != AttributeType.WITH || path.contains("watch=")) {
      return super.handleGet(path);
    }
    Map.Entry<AttributeSet, String> found = findResource(query);
    MockResponse response = new MockResponse();
    if (found == null) {
      response.setResponseCode(HttpURLConnection.HTTP_NOT_FOUND);
    } else {
      response.setBody(found.getValue());
      response.setResponseCode(HttpURLConnection.HTTP_OK);
    }
    return response;
  }

  /** Counts each request by method, resource and answer, as the real API server's audit log tells them apart. */
  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = super.dispatch(request);
    String path = request.getPath();
    String method = path.contains("watch=true") ? "WATCH" : request.getMethod();
    byKind
        .computeIfAbsent(
            method + " " + resource(path) + " " + response.code(), k -> new LongAdder())
        .increment();
    return response;
  }

  /** Requests so far by {@code METHOD resource[/subresource] code}, e.g. {@code POST jobs 201}. */
  Map<String, Long> requestsByKind() {
    Map<String, Long> counts = new TreeMap<>();
    byKind.forEach((kind, count) -> counts.put(kind, count.sum()));
    return counts;
  }

  /** The requests since {@code before} per unit (student, submission), most first: {@code POST jobs 201 1.00}. */
  String perUnitSince(Map<String, Long> before, int units) {
    return requestsByKind().entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / (double) units))
        .collect(Collectors.joining(", "));
  }

  /** The resource of a path, without its namespace, name or query: {@code submissions/status}. */
  static String resource(String path) {
    List<String> parts = List.of(path.split("\\?")[0].split("/"));
    int namespaces = parts.indexOf("namespaces");
    // /api/v1/... or /apis/<group>/<version>/...: the resource follows the namespace, if any
    int at =
        namespaces >= 0 && parts.size() > namespaces + 2
            ? namespaces + 2
            : parts.get(1).equals("api") ? 3 : 4;
    if (at >= parts.size()) {
      return path.split("\\?")[0];
    }
    return parts.get(at) + (parts.size() > at + 2 ? "/" + parts.get(at + 2) : "");
  }

  /** The store, keeping the name index in step with every put and remove. */
  private final class IndexedStore extends LinkedHashMap<AttributeSet, String> {
    @Override
    public String put(AttributeSet key, String value) {
      Attribute name = key.getAttribute(KubernetesAttributesExtractor.NAME);
      if (name != null) {
        byName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(key);
      }
      return super.put(key, value);
    }

    @Override
    public String remove(Object key) {
      if (key instanceof AttributeSet attributes) {
        Attribute name = attributes.getAttribute(KubernetesAttributesExtractor.NAME);
        Set<AttributeSet> named = name == null ? null : byName.get(name);
        if (named != null) {
          named.remove(attributes);
        }
      }
      return super.remove(key);
    }

    @Override
    public void clear() {
      byName.clear();
      super.clear();
    }
  }
}
