package dev.lazarus.api;

/**
 * The node a check runs on.
 *
 * @param ip its public IP, its identity in every verdict
 * @param privateIp its address inside its network
 * @param index its 1-based position in the fleet's gold list
 * @param instanceId the control plane's id for it
 */
public record NodeInfo(String ip, String privateIp, int index, String instanceId) {}
