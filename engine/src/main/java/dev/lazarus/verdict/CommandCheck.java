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
    private final Whitelist whitelist;

    private CommandCheck(String command, boolean straced, Whitelist whitelist) {
        this.command = command;
        this.straced = straced;
        this.whitelist = whitelist;
    }

    public static CommandCheck of(String command, List<String> extraWhitelist, boolean straced) {
        return new CommandCheck(command, straced, Whitelist.forCommand(command, extraWhitelist, straced));
    }

    /** What is sent to the node. */
    public String wireCommand() {
        return straced ? Strace.wrap(command) : command;
    }

    /** A fresh per-try filter of stderr lines, applied as they arrive. */
    public Predicate<String> stderrFilter() {
        return Strace.significantLines(whitelist, straced);
    }

    /** A finished try, classified; {@code extraTags} say where its exit status came from under strace. */
    public record Judgement(TryOutcome outcome, List<String> extraTags) {
        public Judgement {
            extraTags = List.copyOf(extraTags);
        }

        /** The entry's tags when this was the last of {@code tries}. */
        public List<String> finalTags(int tries) {
            List<String> tags = new ArrayList<>(outcome.finalTags(tries));
            tags.addAll(extraTags);
            return tags;
        }
    }

    public Judgement judge(int channelExitStatus, List<String> keptStderr) {
        if (!straced) {
            return new Judgement(TryOutcome.classify(channelExitStatus, keptStderr, whitelist), List.of());
        }
        Strace.Reading reading = Strace.read(channelExitStatus, keptStderr);
        return new Judgement(TryOutcome.classify(reading.exitStatus(), reading.stderr(), whitelist), reading.tags());
    }
}
