package dev.lazarus.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Small helpers around journal events. */
public final class Events {

    /** Each event type's name in the journal, read once from its {@link JsonSubTypes}: replays ask per event. */
    private static final Map<Class<?>, String> NAMES = names();

    private Events() {}

    public static String now() {
        return Instant.now().toString();
    }

    static String nameOf(JournalEvent event) {
        return NAMES.getOrDefault(event.getClass(), event.getClass().getSimpleName());
    }

    private static Map<Class<?>, String> names() {
        Map<Class<?>, String> names = new HashMap<>();
        for (JsonSubTypes.Type type :
                JournalEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            names.put(type.value(), type.name());
        }
        return Map.copyOf(names);
    }
}
