package it.segreteria.voicemail.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool: the PKCS#12 file the service
 * is configured with ({@code voicemail.sip.tls.keystore}) and the PEM a test peer trusts.
 */
public record TestCertificate(Path keystore, Path pem, String password) {

    public static TestCertificate in(Path dir) {
        Path keystore = dir.resolve("sip-tls.p12");
        Path pem = dir.resolve("sip-tls.pem");
        String password = "it-tls-secret";
        try {
            Files.createDirectories(dir);
            if (!Files.exists(keystore)) {
                keytool(
                        "-genkeypair",
                        "-alias",
                        "sip",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=IP:127.0.0.1",
                        "-validity",
                        "30",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        password,
                        "-keypass",
                        password);
            }
            if (!Files.exists(pem)) {
                keytool(
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        "sip",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        password,
                        "-file",
                        pem.toString());
            }
            return new TestCertificate(keystore, pem, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
