package dev.tito.api.submission;

import dev.tito.api.TitoGroup;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One student's notebook handed in for an assignment, graded in a Job. */
@Group(TitoGroup.GROUP)
@Version(TitoGroup.VERSION)
@ShortNames({"sub"})
@AdditionalPrinterColumn(name = "Assignment", jsonPath = ".spec.assignment")
@AdditionalPrinterColumn(name = "Student", jsonPath = ".spec.student")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Waiting For", jsonPath = ".status.waitingFor")
@AdditionalPrinterColumn(name = "Not Before", jsonPath = ".status.notBefore")
@AdditionalPrinterColumn(
    name = "Position",
    jsonPath = ".status.queuePosition",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Score",
    jsonPath = ".status.score",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Max",
    jsonPath = ".status.maxScore",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Submission extends CustomResource<SubmissionSpec, SubmissionStatus>
    implements Namespaced {}
