package dev.lazarus.controlplane.ec2.emulator;

import java.util.Set;

/**
 * Faults the EC2 emulator injects, switchable per test.
 *
 * @param throttleRate share of calls answered {@code 503 RequestLimitExceeded}, 0..1
 * @param serverErrorRate share of calls answered {@code 500 InternalError}, 0..1
 * @param neverVisible launch indexes (1-based) of instances that never show up in DescribeInstances
 * @param neverGetIp launch indexes of instances that never get a public IP
 * @param seed seeds the random choice of faulty calls
 */
public record Ec2Faults(
        double throttleRate, double serverErrorRate, Set<Integer> neverVisible, Set<Integer> neverGetIp, long seed) {

    public static final Ec2Faults NONE = new Ec2Faults(0, 0, Set.of(), Set.of(), 0);

    public Ec2Faults {
        neverVisible = Set.copyOf(neverVisible);
        neverGetIp = Set.copyOf(neverGetIp);
    }

    public Ec2Faults withThrottleRate(double rate) {
        return new Ec2Faults(rate, serverErrorRate, neverVisible, neverGetIp, seed);
    }

    public Ec2Faults withServerErrorRate(double rate) {
        return new Ec2Faults(throttleRate, rate, neverVisible, neverGetIp, seed);
    }

    public Ec2Faults withNeverVisible(Set<Integer> indexes) {
        return new Ec2Faults(throttleRate, serverErrorRate, indexes, neverGetIp, seed);
    }

    public Ec2Faults withNeverGetIp(Set<Integer> indexes) {
        return new Ec2Faults(throttleRate, serverErrorRate, neverVisible, indexes, seed);
    }
}
