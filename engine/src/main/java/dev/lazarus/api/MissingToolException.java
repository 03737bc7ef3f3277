package dev.lazarus.api;

import java.util.List;

/** A host fact that cannot be read because the node has none of the tools that read it. */
public class MissingToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> tools;

    public MissingToolException(String node, String fact, List<String> tools) {
        super(fact + " cannot be read on " + node + ": "
                + (tools.size() == 1 ? tools.get(0) + " is" : "none of " + String.join(", ", tools) + " is")
                + " installed");
        this.tools = List.copyOf(tools);
    }

    /** The tools any one of which would have read the fact. */
    public List<String> tools() {
        return tools;
    }
}
