package dev.tito.operator.chart;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;

/** For tests outside this package: which of the operator's requests the default chart's RBAC would forbid. */
public final class ChartPermissions {
  private ChartPermissions() {}

  /** Each request as {@code METHOD path?query}; returns those forbidden, described, distinct and sorted. */
  public static List<String> forbidden(List<Map.Entry<String, String>> requests) {
    RenderedChart chart = RenderedChart.withDefaults();
    String serviceAccount = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName();
    ChartRbac rbac = ChartRbac.of(chart, RenderedChart.NAMESPACE, serviceAccount);
    return requests.stream().map(r -> ApiRequest.of(r.getKey(), r.getValue())).filter(r -> !rbac.allows(r))
        .map(ApiRequest::toString).distinct().sorted().toList();
  }
}
