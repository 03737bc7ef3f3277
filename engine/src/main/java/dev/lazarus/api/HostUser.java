package dev.lazarus.api;

import java.util.List;

/** A user account as {@code getent passwd} and {@code id -Gn} read it; uid and gid are -1 when it does not exist. */
public record HostUser(
        String name,
        boolean exists,
        int uid,
        int gid,
        String home,
        String shell,
        List<String> groups,
        CommandResult readBy) {

    public HostUser {
        groups = List.copyOf(groups);
    }
}
