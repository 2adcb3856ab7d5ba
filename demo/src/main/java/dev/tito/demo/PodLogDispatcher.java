package dev.tito.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock server's CRUD store and expectations, plus {@code GET pods/<pod>/log} served from the local containers'
 * output (whatever query parameters the client sends: {@code container}, {@code limitBytes}).
 */
final class PodLogDispatcher extends KubernetesMixedDispatcher {
  private static final Pattern LOG_PATH =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?$");

  private final PodLogs logs;

  PodLogDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses, PodLogs logs) {
    super(responses);
    this.logs = logs;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Matcher log = LOG_PATH.matcher(request.getPath());
    if (!"GET".equals(request.getMethod()) || !log.matches()) {
      return super.dispatch(request);
    }
    String namespace = log.group(1);
    String pod = log.group(2);
    Map<String, String> query = query(log.group(3));
    List<String> containers = logs.containers(namespace, pod);
    String container = query.get("container");
    if (container == null && containers.size() == 1) {
      container = containers.get(0);
    }
    if (container == null) {
      return status(
          400,
          "BadRequest",
          "a container name must be specified for pod " + pod + ", choose one of: " + containers);
    }
    try {
      long limit =
          query.containsKey("limitBytes")
              ? Long.parseLong(query.get("limitBytes"))
              : Long.MAX_VALUE;
      byte[] output = logs.read(namespace, pod, container, limit);
      if (output == null) {
        return status(
            400,
            "BadRequest",
            "container \"" + container + "\" in pod \"" + pod + "\" is waiting to start");
      }
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "text/plain")
          .setBody(output);
    } catch (NumberFormatException e) {
      return status(400, "BadRequest", "limitBytes must be a whole number");
    } catch (IOException e) {
      return status(
          500,
          "InternalError",
          "reading the log of " + pod + "/" + container + ": " + e.getMessage());
    }
  }

  private static Map<String, String> query(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          parameters.put(
              URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return parameters;
  }

  // the API server's Status object, so the client raises a KubernetesClientException with the
  // message
  private static MockResponse status(int code, String reason, String message) {
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":"
            + code
            + ",\"reason\":\""
            + reason
            + "\",\"message\":"
            + io.fabric8.kubernetes.client.utils.Serialization.asJson(message)
            + "}";
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }
}
