package it.segreteria.voicemail.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the service and its database, so a test can take the database away (every
 * connection cut, new ones refused) and bring it back on the same port, as an outage or a failover
 * would, or make it slow (every chunk of bytes held back for a while, both ways).
 */
public final class DatabaseProxy implements AutoCloseable {

    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile long delayMillis;

    public DatabaseProxy(int targetPort) {
        this.port = FreePorts.tcp();
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        up();
    }

    public int port() {
        return port;
    }

    /** Accepts connections again. */
    public synchronized void up() {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = listening;
            Thread acceptor = new Thread(() -> accept(listening), "db-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holds every chunk of bytes back this long before passing it on; zero for none. */
    public void delay(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Cuts every connection and refuses new ones, until {@link #up}. */
    public synchronized void down() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket database = new Socket();
                database.connect(target, 5000);
                sockets.add(client);
                sockets.add(database);
                pipe(client, database);
                pipe(database, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[16384];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                for (int n; (n = in.read(buffer)) > 0; ) {
                                    long delay = delayMillis;
                                    if (delay > 0) {
                                        Thread.sleep(delay);
                                    }
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            } catch (IOException closed) {
                                // one side went away: the other follows
                            } catch (InterruptedException stopped) {
                                Thread.currentThread().interrupt();
                            } finally {
                                try {
                                    from.close();
                                    to.close();
                                } catch (IOException ignored) {
                                    // closing anyway
                                }
                            }
                        },
                        "db-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        down();
    }
}
