package dev.lazarus.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node whose sshd is slow to speak: it accepts TCP at once but sends its SSH banner only after
 * {@link Behaviour#BANNER_DELAY_MILLIS}, then behaves normally. It forwards each connection, after the delay,
 * to the node's real sshd on a back port of the same address. All its threads are owned here and stop on
 * {@link #close()}.
 */
final class SlowBannerListener implements EmbeddedFleet.Listener {

    private final String ip;
    private final int backPort;
    private final ServerSocket socket;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    SlowBannerListener(String ip, int port, int backPort) throws IOException {
        this.ip = ip;
        this.backPort = backPort;
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(ip, port));
        start("embedded-fleet-slow-banner-" + ip, this::accept);
    }

    private void start(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                start("embedded-fleet-slow-banner-" + ip + "-conn", () -> forward(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void forward(Socket client) {
        try {
            Thread.sleep(Behaviour.BANNER_DELAY_MILLIS);
            Socket back = new Socket();
            open.add(back);
            back.connect(new InetSocketAddress(ip, backPort), 5_000);
            start("embedded-fleet-slow-banner-" + ip + "-up", () -> pump(client, back));
            pump(back, client);
        } catch (IOException e) {
            close(client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed: the other follows below
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        close0(socket);
        open.forEach(SlowBannerListener::close);
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close0(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
