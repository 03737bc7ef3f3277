package dev.lazarus.spi;

import java.util.Map;

/** Where a control plane journals what it did (instances launched, ingress, teardown), as it happens. */
@FunctionalInterface
public interface ControlPlaneJournal {

    ControlPlaneJournal NONE = (kind, details) -> {};

    /** Appends a {@code control_plane} event; {@code details} must hold no secret. */
    void record(String kind, Map<String, ?> details);
}
