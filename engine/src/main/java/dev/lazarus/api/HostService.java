package dev.lazarus.api;

/**
 * A service as the node's init system ({@code systemd}, else the SysV init script) knows it.
 *
 * @param manager {@code systemd} or {@code init}
 */
public record HostService(String name, boolean running, boolean enabled, String manager, CommandResult readBy) {}
