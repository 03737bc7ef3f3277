package dev.lazarus.spi;

/**
 * What a run asks of its control plane.
 *
 * @param size number of nodes
 * @param runId the run's id, usable as a tag on what the control plane creates
 * @param parameters the run's configuration parameters (each control plane reads its own {@code lazarus.<name>.*})
 * @param journal where the control plane journals what it does
 */
public record FleetRequest(int size, String runId, Parameters parameters, ControlPlaneJournal journal) {}
