package dev.tito.operator.chart;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * One request as the API server's authorizer sees it: verb, API group, resource (with subresource), namespace and
 * name, or a non-resource path such as /version.
 */
record ApiRequest(
    String verb,
    String group,
    String resource,
    String namespace,
    String name,
    String nonResourcePath) {

  static ApiRequest of(String method, String pathAndQuery) {
    URI uri = URI.create(pathAndQuery);
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    List<String> segments =
        Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    int apiVersionEnd;
    String group;
    if (segments.size() >= 2 && segments.get(0).equals("api")) {
      group = "";
      apiVersionEnd = 2;
    } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      apiVersionEnd = 3;
    } else {
      return new ApiRequest(method.toLowerCase(), null, null, null, null, uri.getPath());
    }
    List<String> rest = segments.subList(apiVersionEnd, segments.size());
    if (rest.isEmpty()) {
      return new ApiRequest(method.toLowerCase(), null, null, null, null, uri.getPath());
    }
    String namespace = null;
    if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : null;
    if (rest.size() > 2) {
      resource = resource + "/" + rest.get(2);
    }
    return new ApiRequest(verb(method, name, query), group, resource, namespace, name, null);
  }

  private static String verb(String method, String name, String query) {
    boolean watch = Arrays.asList(query.split("&")).contains("watch=true");
    return switch (method) {
      case "GET" -> watch ? "watch" : name == null ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name == null ? "deletecollection" : "delete";
      default ->
          throw new IllegalArgumentException("unexpected HTTP method " + method + " " + query);
    };
  }

  boolean isResourceRequest() {
    return nonResourcePath == null;
  }

  @Override
  public String toString() {
    if (!isResourceRequest()) {
      return verb + " " + nonResourcePath;
    }
    return verb
        + " "
        + (group.isEmpty() ? "" : group + "/")
        + resource
        + (name == null ? "" : " " + name)
        + (namespace == null ? "" : " in " + namespace);
  }
}
