package it.segreteria.voicemail.notification.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A worker's SMTP connection against a real SMTP conversation on loopback. */
class SmtpConnectionTest {

    @Test
    void anEmailRightAfterTheServerClosedTheConnectionGoesOverAFreshOne() throws Exception {
        try (OneMessagePerConnection server = new OneMessagePerConnection()) {
            SmtpConnection smtp =
                    new SmtpConnection(
                            settings(server.port()).session(), settings(server.port()), e -> false);
            smtp.send(email("first"));
            smtp.send(email("second")); // within the second: no NOOP, the connection is dead
            smtp.close();

            assertThat(server.accepted()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void emailsInQuickSuccessionShareOneConnectionWithoutAProbeEach() throws Exception {
        try (OneMessagePerConnection server = new OneMessagePerConnection(Integer.MAX_VALUE)) {
            SmtpConnection smtp =
                    new SmtpConnection(
                            settings(server.port()).session(), settings(server.port()), e -> false);
            for (int i = 0; i < 5; i++) {
                smtp.send(email("email " + i));
            }
            smtp.close();

            assertThat(server.accepted()).isEqualTo(5);
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.noops()).isZero();
        }
    }

    private static MailSettings settings(int port) {
        return new MailSettings(
                "127.0.0.1",
                port,
                "voicemail@test.example",
                Optional.empty(),
                Optional.empty(),
                false,
                "http://localhost/voicemail",
                Duration.ofSeconds(30));
    }

    private static MimeMessage email(String subject) throws Exception {
        MimeMessage mail = new MimeMessage((jakarta.mail.Session) null);
        mail.setFrom(new InternetAddress("voicemail@test.example"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("owner@test.example"));
        mail.setSubject(subject);
        mail.setText("body");
        return mail;
    }

    /**
     * An SMTP server that takes {@code perConnection} messages on a connection and then closes it
     * without a word, as a relay with a per-connection limit may.
     */
    private static final class OneMessagePerConnection implements AutoCloseable {

        private final ServerSocket socket =
                new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final int perConnection;
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger noops = new AtomicInteger();

        OneMessagePerConnection() throws IOException {
            this(1);
        }

        OneMessagePerConnection(int perConnection) throws IOException {
            this.perConnection = perConnection;
            Thread server = new Thread(this::serve, "one-message-smtp");
            server.setDaemon(true);
            server.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        int connections() {
            return connections.get();
        }

        int noops() {
            return noops.get();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    converse(client);
                } catch (IOException e) {
                    // closed, or the client went away: next
                }
            }
        }

        private void converse(Socket client) throws IOException {
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            say(out, "220 test.example ESMTP");
            int taken = 0;
            for (String line; (line = in.readLine()) != null; ) {
                String command =
                        line.length() >= 4
                                ? line.substring(0, 4).toUpperCase()
                                : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> say(out, "250 test.example");
                    case "MAIL", "RCPT", "RSET" -> say(out, "250 2.0.0 OK");
                    case "NOOP" -> {
                        noops.incrementAndGet();
                        say(out, "250 2.0.0 OK");
                    }
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        while (!".".equals(in.readLine())) {
                            // the message
                        }
                        accepted.incrementAndGet();
                        say(out, "250 2.0.0 queued");
                        if (++taken == perConnection) {
                            return; // closed without a word
                        }
                    }
                    case "QUIT" -> {
                        say(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> say(out, "503 5.5.1 Bad sequence of commands");
                }
            }
        }

        private static void say(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
