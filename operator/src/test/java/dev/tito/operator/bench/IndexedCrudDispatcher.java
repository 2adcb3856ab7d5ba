package dev.tito.operator.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mock server's CRUD store with an index by object name, so that finding one object costs the same however many
 * are stored (the stock dispatcher scans every entry per get, create, update and patch: quadratic for large classes).
 * List and watch requests still scan, as before.
 */
public class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private final Map<Attribute, Set<AttributeSet>> byName = new ConcurrentHashMap<>();

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
