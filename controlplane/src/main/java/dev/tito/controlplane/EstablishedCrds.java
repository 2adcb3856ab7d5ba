package dev.tito.controlplane;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CRDs installed as {@code kubectl apply --server-side --force-conflicts --wait} does: applied, then Established. */
public final class EstablishedCrds {
  private EstablishedCrds() {}

  /** Applies every CRD (whoever installed it before), then waits until the API server serves each one. */
  public static void apply(
      KubernetesClient client,
      List<CustomResourceDefinition> crds,
      String fieldManager,
      Duration patience) {
    for (CustomResourceDefinition crd : crds) {
      client.resource(crd).fieldManager(fieldManager).forceConflicts().serverSideApply();
    }
    for (CustomResourceDefinition crd : crds) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(EstablishedCrds::established, patience.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
