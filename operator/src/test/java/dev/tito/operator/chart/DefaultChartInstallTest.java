package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DefaultChartInstallTest {
  static KubernetesClient client;

  @Test
  void everyObjectOfTheDefaultRenderIsAcceptedAndTheCrdsComeFromTheChart() {
    RenderedChart chart = RenderedChart.withDefaults();

    ChartInstall.apply(client, chart);

    assertThat(chart.objects())
        .allSatisfy(
            o ->
                assertThat(client.resource(o).get())
                    .as(o.getKind() + " " + o.getMetadata().getName())
                    .isNotNull());
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(CustomResourceDefinition::getMetadata)
        .extracting(m -> m.getName())
        .containsExactlyInAnyOrder(
            "classrooms.tito.dev",
            "assignments.tito.dev",
            "submissions.tito.dev",
            "reviews.tito.dev");
  }
}
