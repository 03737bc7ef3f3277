package dev.lazarus.scenarios;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Run by the build after Surefire (phase verify): the JUnit XML of every scenario run lists one testcase per
 * node attempt with the node's IP in its name, and one per node check on each node named by both, which is what
 * GitLab's test report widget shows. Fails the build otherwise.
 */
public final class SurefireXmlCheck {

    private static final Pattern NODE = Pattern.compile("node (\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]+): attempt \\d+");
    private static final Pattern CHECK =
            Pattern.compile("node (\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]+): check [A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern OTHER = Pattern.compile("verdict: .+|instance .+: no node");

    private SurefireXmlCheck() {}

    public static void main(String[] args) throws Exception {
        Path reports = Path.of(args[0]);
        if (!Files.isDirectory(reports)) {
            System.out.println("[lazarus] junit xml check: no " + reports + " (tests skipped)");
            return;
        }
        List<Path> scenarios;
        try (Stream<Path> files = Files.list(reports)) {
            scenarios = files.filter(f -> f.getFileName().toString().matches("TEST-.*Scenario\\.xml"))
                    .toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path xml : scenarios) {
            problems.addAll(check(xml));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "JUnit XML does not list the nodes as it should:\n  " + String.join("\n  ", problems));
        }
        System.out.println("[lazarus] junit xml check: " + scenarios.size() + " scenario report(s) list their nodes");
    }

    static List<String> check(Path xml) throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(xml.toFile())
                .getElementsByTagName("testcase");
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int nodes = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            String name = ((Element) cases.item(i)).getAttribute("name");
            if (NODE.matcher(name).matches()) {
                nodes++;
            } else if (!CHECK.matcher(name).matches() && !OTHER.matcher(name).matches()) {
                problems.add(xml.getFileName() + ": testcase '" + name
                        + "' is neither a node attempt, a node check nor a verdict");
            }
            if (!seen.add(name)) {
                problems.add(xml.getFileName() + ": testcase '" + name + "' appears twice");
            }
        }
        if (nodes == 0) {
            problems.add(xml.getFileName() + ": no node testcase");
        }
        return problems;
    }
}
