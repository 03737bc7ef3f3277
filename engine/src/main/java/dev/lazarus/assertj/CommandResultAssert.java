package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import java.util.regex.Pattern;

/** Assertions on a command run on a node. */
public final class CommandResultAssert extends FactAssert<CommandResultAssert, CommandResult> {

    CommandResultAssert(CommandResult actual) {
        super(actual, CommandResultAssert.class);
    }

    @Override
    CommandResult readBy() {
        return actual;
    }

    @Override
    String fact() {
        return "`" + actual.command() + "`";
    }

    /** Exit status 0. */
    public CommandResultAssert succeeded() {
        return expect(actual.succeeded(), "succeed (exit 0)", "it exited " + actual.exitStatus());
    }

    public CommandResultAssert exitsWith(int status) {
        return expect(actual.exitStatus() == status, "exit " + status, "it exited " + actual.exitStatus());
    }

    public CommandResultAssert stdoutContains(String text) {
        return expect(actual.stdout().contains(text), "print \"" + text + "\" on stdout", "it did not");
    }

    /** The whole standard output matches the regular expression. */
    public CommandResultAssert stdoutMatches(String regex) {
        return expect(
                Pattern.compile(regex, Pattern.DOTALL).matcher(actual.stdout()).matches(),
                "print what matches /" + regex + "/ on stdout",
                "it printed \"" + actual.stdout() + "\"");
    }

    public CommandResultAssert stderrContains(String text) {
        return expect(actual.stderr().contains(text), "print \"" + text + "\" on stderr", "it did not");
    }
}
