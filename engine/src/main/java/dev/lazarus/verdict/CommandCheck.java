package dev.lazarus.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How one command of an install is run and judged: the command line sent (wrapped in strace or not), the
 * stderr lines worth keeping while it streams, and the classification of a finished try. The node session
 * and the local strace regression matrix both go through here, so they cannot disagree.
 */
public final class CommandCheck {

    private final String command;
    private final boolean straced;
    private final boolean become;
    private final String groupTag;
    private final Whitelist whitelist;

    private CommandCheck(String command, boolean straced, boolean become, String groupTag, Whitelist whitelist) {
        this.command = command;
        this.straced = straced;
        this.become = become;
        this.groupTag = groupTag;
        this.whitelist = whitelist;
    }

    public static CommandCheck of(String command, List<String> extraWhitelist, boolean straced) {
        return of(command, extraWhitelist, straced, false, null);
    }

    /**
     * @param become whether the command runs as root through {@code sudo -n}
     * @param groupTag the tag of the process group of its own it runs in (so an early end can end all of it), or
     *     null to run it as it is
     */
    public static CommandCheck of(
            String command, List<String> extraWhitelist, boolean straced, boolean become, String groupTag) {
        return new CommandCheck(
                command, straced, become, groupTag, Whitelist.forCommand(command, extraWhitelist, straced));
    }

    /**
     * What is sent to the node: the command, traced if asked, in its own process group if asked, run through
     * {@code sudo -n} if asked (outermost, so the group and its kill are root's too).
     */
    public String wireCommand() {
        String traced = straced ? Strace.wrap(command) : command;
        String grouped = groupTag != null ? Shell.inProcessGroup(traced, groupTag) : traced;
        return become ? Shell.become(grouped) : grouped;
    }

    /** A fresh per-try filter of stderr lines, applied as they arrive. */
    public Predicate<String> stderrFilter() {
        return Strace.significantLines(whitelist, straced);
    }

    /**
     * A finished try, classified; {@code extraTags} say where its exit status came from under strace;
     * {@code becomeRefused} when {@code sudo -n} would not run the command at all (no retry can help).
     */
    public record Judgement(TryOutcome outcome, List<String> extraTags, boolean becomeRefused) {
        public Judgement {
            extraTags = List.copyOf(extraTags);
        }

        /** The try failed on a package-manager lock and nothing else: it is waited out, not counted. */
        public boolean lockedOnly() {
            return !outcome.isSuccess()
                    && outcome.exitStatus() != 0
                    && PackageLocks.onlyLocked(outcome.nonWhitelistedStderr());
        }

        /** The entry's tags when this was the last of {@code tries}. */
        public List<String> finalTags(int tries) {
            List<String> tags = new ArrayList<>(outcome.finalTags(tries));
            tags.addAll(extraTags);
            if (becomeRefused) {
                tags.add("become_failed");
            }
            return tags;
        }
    }

    public Judgement judge(int channelExitStatus, List<String> keptStderr) {
        boolean refused = become && Shell.becomeRefused(channelExitStatus, keptStderr);
        if (!straced) {
            return new Judgement(TryOutcome.classify(channelExitStatus, keptStderr, whitelist), List.of(), refused);
        }
        Strace.Reading reading = Strace.read(channelExitStatus, keptStderr);
        return new Judgement(
                TryOutcome.classify(reading.exitStatus(), reading.stderr(), whitelist), reading.tags(), refused);
    }
}
