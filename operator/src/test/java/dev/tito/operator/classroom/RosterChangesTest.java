package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.RetainPolicy;
import dev.tito.api.classroom.RosterStudent;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import org.junit.jupiter.api.Test;

class RosterChangesTest extends OperatorOnMockServer {

  @Test
  void addedStudentIsProvisionedAndRemovedStudentKeepsHomeUnderRetain() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "bio", "ada", "grace"));
    statusWhere(classroom, "2 students", c -> c.getStatus().total == 2);

    edit(
        classroom,
        edited -> {
          edited.getSpec().roster.students.removeIf(s -> s.id.equals("ada"));
          edited.getSpec().roster.students.add(new RosterStudent("linus"));
        });

    Eventually.until("linus provisioned", () -> serverOf(classroom, "linus"), s -> true);
    Eventually.until(
        "ada's server removed", () -> serverOf(classroom, "ada") == null, gone -> gone);
    assertThat(client.services().inNamespace(ns).withName("bio-ada").get()).isNull();
    assertThat(client.secrets().inNamespace(ns).withName("bio-ada-token").get()).isNull();
    PersistentVolumeClaim home =
        client.persistentVolumeClaims().inNamespace(ns).withName("home-bio-ada").get();
    assertThat(home).as("a removed student's work is kept").isNotNull();
    assertThat(home.getMetadata().getOwnerReferences())
        .as("so deleting the Classroom keeps it too")
        .isEmpty();
    assertThat(serverOf(classroom, "grace")).isNotNull();
    assertThat(
            statusWhere(classroom, "2 students again", c -> c.getStatus().total == 2)
                .getStatus()
                .total)
        .isEqualTo(2);
  }

  @Test
  void removedStudentLosesHomeOnlyUnderDeletePolicy() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "tmp", "ada", "grace");
    spec.getSpec().environment.home.retainPolicy = RetainPolicy.Delete;
    Classroom classroom = create(spec);
    PersistentVolumeClaim home =
        Eventually.until(
            "ada's home",
            () -> client.persistentVolumeClaims().inNamespace(ns).withName("home-tmp-ada").get(),
            h -> true);
    assertThat(home.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("tmp"));

    edit(
        classroom,
        edited -> {
          edited.getSpec().roster.students.removeIf(s -> s.id.equals("ada"));
        });

    Eventually.until(
        "ada's home deleted",
        () ->
            client.persistentVolumeClaims().inNamespace(ns).withName("home-tmp-ada").get() == null,
        gone -> gone);
    assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("home-tmp-grace").get())
        .isNotNull();
  }

  @Test
  void largeClassesComeFromAConfigMapCsv() {
    String ns = newNamespace();
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName("roster")
                .withNamespace(ns)
                .endMetadata()
                .addToData(
                    "roster.csv",
                    "id,name,email\nada,Ada Lovelace,ada@example.org\n\"grace\",\"Hopper, Grace\",g@example.org\n")
                .build())
        .create();
    Classroom spec = classroom(ns, "csv");
    spec.getSpec().roster.configMapRef = new dev.tito.api.classroom.ConfigMapKey();
    spec.getSpec().roster.configMapRef.name = "roster";
    Classroom classroom = create(spec);

    assertThat(
            statusWhere(classroom, "2 students from CSV", c -> c.getStatus().total == 2)
                .getStatus()
                .total)
        .isEqualTo(2);
    assertThat(serverOf(classroom, "grace")).isNotNull();
  }

  @Test
  void deletingTheClassroomLeavesCollectionToOwnerReferencesAndKeepsRetainedHomes() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "gone", "ada"));
    Eventually.until("server", () -> serverOf(classroom, "ada"), s -> true);
    String uid = current(classroom).getMetadata().getUid();

    assertThat(serverOf(classroom, "ada").getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(uid));
    assertThat(
            client
                .services()
                .inNamespace(ns)
                .withName("gone-ada")
                .get()
                .getMetadata()
                .getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(uid));
    assertThat(
            client
                .secrets()
                .inNamespace(ns)
                .withName("gone-ada-token")
                .get()
                .getMetadata()
                .getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getController()).isTrue());

    client.resource(current(classroom)).delete();
    Eventually.until("classroom deleted", () -> current(classroom) == null, gone -> gone);
    // the mock server has no garbage collector: what matters is that the retained home has no owner
    // to follow
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(ns)
                .withName("home-gone-ada")
                .get()
                .getMetadata()
                .getOwnerReferences())
        .isEmpty();
  }
}
