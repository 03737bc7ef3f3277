package dev.lazarus.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node that accepts TCP connections and then says nothing: no SSH banner, ever (a hung sshd, a
 * half-dead host). Its one accept thread is owned by the fleet and stops when the fleet closes.
 */
final class MuteListener implements EmbeddedFleet.Listener {

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    MuteListener(String ip, int port) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(ip, port));
        acceptor = new Thread(this::accept, "embedded-fleet-mute-" + ip);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                held.add(socket.accept());
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
            acceptor.join(5_000);
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
