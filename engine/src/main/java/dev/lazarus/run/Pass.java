package dev.lazarus.run;

/**
 * One pass over nodes: the first pass over this shard's slice of the gold list, or a resurrection round.
 *
 * @param round 0 for the first pass, else the resurrection round
 * @param shardIndex this job's shard, 1-based
 * @param shardTotal how many shards the fleet is split into
 * @param nodes attempts in this pass
 * @param fleetSize nodes in the whole gold list
 * @param resurrectionMayFollow whether the gatekeeper may still give a node of this pass another attempt: its
 *     failures then wait for the gatekeeper's decision before they are final
 */
public record Pass(int round, int shardIndex, int shardTotal, int nodes, int fleetSize, boolean resurrectionMayFollow) {

    public boolean isFirst() {
        return round == 0;
    }

    /** How the progress line names the pass. */
    String label(String scenario) {
        return isFirst() ? scenario : scenario + " round " + round;
    }
}
