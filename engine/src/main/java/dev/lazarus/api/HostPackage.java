package dev.lazarus.api;

import java.util.Optional;

/**
 * A package as the node's package manager ({@code dpkg}, else {@code rpm}) knows it.
 *
 * @param version the installed version, when installed
 * @param manager {@code dpkg} or {@code rpm}
 */
public record HostPackage(
        String name, boolean installed, Optional<String> version, String manager, CommandResult readBy) {}
