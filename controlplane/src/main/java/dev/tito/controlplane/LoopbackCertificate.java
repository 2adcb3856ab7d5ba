package dev.tito.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed serving certificate for 127.0.0.1 (a kubelet's, an admission webhook's), made once by the JDK's keytool
 * (no extra library).
 */
public final class LoopbackCertificate {
  private static final char[] PASSWORD = "kubelet".toCharArray();
  private static final String ALIAS = "kubelet";

  private LoopbackCertificate() {}

  /** The TLS context serving the certificate kept in {@code folder/kubelet.p12} (made there when missing). */
  public static SSLContext sslContext(Path folder) {
    try {
      KeyStore store = keyStore(folder);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the certificate in " + folder, e);
    }
  }

  /** The certificate of {@link #sslContext} in PEM: the CA bundle a client trusts it by. */
  public static String pem(Path folder) {
    try {
      byte[] der = keyStore(folder).getCertificate(ALIAS).getEncoded();
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the certificate in " + folder, e);
    }
  }

  private static KeyStore keyStore(Path folder) throws GeneralSecurityException {
    Path keystore = folder.resolve("kubelet.p12");
    try {
      Files.createDirectories(folder);
      if (!Files.exists(keystore)) {
        generate(keystore);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, PASSWORD);
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the certificate in " + folder, e);
    }
  }

  private static void generate(Path keystore) throws IOException {
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "30",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (keytool.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted making the kubelet's certificate", e);
    }
  }
}
