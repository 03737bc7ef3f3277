package dev.lazarus.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.time.Instant;

/** Small helpers around journal events. */
public final class Events {

    private Events() {}

    public static String now() {
        return Instant.now().toString();
    }

    static String nameOf(JournalEvent event) {
        for (JsonSubTypes.Type type :
                JournalEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            if (type.value() == event.getClass()) {
                return type.name();
            }
        }
        return event.getClass().getSimpleName();
    }
}
