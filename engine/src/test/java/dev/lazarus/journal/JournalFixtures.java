package dev.lazarus.journal;

import dev.lazarus.spi.Status;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Hand-made journal content for tests of what is derived from a journal. */
public final class JournalFixtures {

    private JournalFixtures() {}

    public static void gold(Journal journal, String... ips) {
        journal.appendDurably(new JournalEvent.GoldList(
                Events.now(),
                "run",
                "1/1",
                Arrays.stream(ips)
                        .map(ip -> new JournalEvent.GoldNode(ip, ip, "i-" + ip))
                        .toList()));
    }

    /** A one-command attempt on {@code ip} that ends with {@code status}; returns its thread uuid. */
    public static String attempt(Journal journal, String ip, Status status) {
        String uuid = UUID.randomUUID().toString();
        journal.append(new JournalEvent.AttemptStarted(Events.now(), uuid, ip, ip, 1, "1/1", 1, "worker"));
        journal.append(new JournalEvent.CommandStarted(Events.now(), uuid, ip, 0, "apt-get update", 1));
        int exit = status.isSuccess() ? 0 : 1;
        journal.append(new JournalEvent.CommandFinished(
                Events.now(),
                uuid,
                ip,
                0,
                1,
                exit,
                status.isSuccess() ? "success" : "silent_failure",
                List.of(),
                12,
                List.of("done")));
        journal.append(new JournalEvent.AttemptFinished(
                Events.now(), uuid, ip, status, List.of(status.tag()), null, null, null, null));
        return uuid;
    }

    /** An attempt that started and never reported back (its worker vanished). */
    public static void vanished(Journal journal, String ip) {
        String uuid = UUID.randomUUID().toString();
        journal.append(new JournalEvent.AttemptStarted(Events.now(), uuid, ip, ip, 1, "1/1", 1, "worker"));
        journal.append(new JournalEvent.Connected(Events.now(), uuid, ip, 1, 5));
    }
}
