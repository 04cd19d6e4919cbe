package it.segreteria.voicemail.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that accepts the connection and refuses every recipient with {@code 550 5.1.1}: a
 * mailbox that does not exist, as a real server says it. For testing that permanent refusals stop
 * the retries.
 */
public final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger refusals = new AtomicInteger();
    private final Thread acceptor;

    public RefusingSmtpServer(int port) throws IOException {
        socket = new ServerSocket(port, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int refusals() {
        return refusals.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // closed, or the client went away: next
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        say(out, "220 refusing.example ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
            String command =
                    line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO", "HELO" -> say(out, "250 refusing.example");
                case "MAIL" -> say(out, "250 2.1.0 OK");
                case "RCPT" -> {
                    refusals.incrementAndGet();
                    say(out, "550 5.1.1 No such user here");
                }
                case "RSET", "NOOP" -> say(out, "250 2.0.0 OK");
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
