package dev.lazarus.api;

import java.nio.file.Path;

/**
 * The run a check is part of.
 *
 * @param runId the run's id, also its folder's name
 * @param scenario the scenario's name
 * @param shard this job's shard ({@code 1/1} when not sharded)
 * @param runDir the run's folder
 */
public record RunInfo(String runId, String scenario, String shard, Path runDir) {}
