package dev.tito.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.gateway.classes.ServerRef;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerOriginsTest {
  static final ServerOrigins ORIGINS =
      ServerOrigins.of(URI.create("https://classes.example.edu"), "servers.example.edu");
  static final ServerRef ADA = new ServerRef("course", "ml", "ada", "/user/ml/ada/", 8888);

  @Test
  void adasServerHasItsOwnHostUnderTheServersDomainWithTheGatewaysScheme() {
    assertThat(ORIGINS.host(ADA)).isEqualTo("ml-ada.servers.example.edu");
    assertThat(ORIGINS.origin(ADA)).isEqualTo("https://ml-ada.servers.example.edu");
    assertThat(ServerOrigins.of(URI.create("http://127.0.0.1:8080"), "servers.test").origin(ADA))
        .isEqualTo("http://ml-ada.servers.test:8080");
  }

  @ParameterizedTest(name = "Host {0} names server {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "ml-ada.servers.example.edu, ml-ada",
        "ML-ADA.Servers.Example.edu, ml-ada",
        "ml-ada.servers.example.edu:443, ml-ada",
        "classes.example.edu, none",
        "servers.example.edu, none",
        ".servers.example.edu, none",
        "a.ml-ada.servers.example.edu, none",
        "ml-ada.servers.example.edu.evil.example, none",
        "ml-adaservers.example.edu, none",
        "none, none"
      })
  void aHostHeaderNamesAServerOnlyWhenItIsOneLabelUnderTheServersDomain(String host, String name) {
    assertThat(ORIGINS.serverName(host)).isEqualTo(name);
  }
}
