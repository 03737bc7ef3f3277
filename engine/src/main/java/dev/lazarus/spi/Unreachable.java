package dev.lazarus.spi;

/** An instance the control plane created or found but could not hand over as a node (no IP, never visible). */
public record Unreachable(String instanceId, String reason) {}
