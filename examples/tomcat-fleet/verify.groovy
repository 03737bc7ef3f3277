// Run by the maven-invoker-plugin after `mvn test` of this example: what a user of it would check by hand.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def fail = { String message -> throw new AssertionError("tomcat-fleet example: " + message) }

// 1. The scenario ran under Surefire's default includes (it is named *Test), on every node, and passed.
def xml = new File(basedir, 'target/surefire-reports/TEST-com.example.fleet.TomcatFleetTest.xml')
if (!xml.isFile()) fail("Surefire ran no TomcatFleetTest: ${xml} is missing")
def suite = new XmlSlurper().parse(xml)
def nodeCases = suite.testcase.findAll { it.@name.text() ==~ /node 127\.0\.1\.\d+: attempt 1/ }
if (nodeCases.size() != 8) fail("expected 8 node tests in the Surefire XML, found ${nodeCases.size()}")
if (suite.@failures.text() != '0' || suite.@errors.text() != '0') fail("the scenario failed: ${suite.@failures} failure(s), ${suite.@errors} error(s)")

// 2. One Allure results folder: the Jupiter test once, each node once, and no shallow copy of a Lazarus test.
def results = new File(basedir, 'target/allure-results')
def parsed = results.listFiles().findAll { it.name.endsWith('-result.json') }.collect { new JsonSlurper().parse(it) }
def labels = { r, name -> r.labels.findAll { it.name == name }*.value }
def jupiter = parsed.findAll { it.name == 'hostsAreOnePerLine()' }
if (jupiter.size() != 1) fail("expected the Jupiter test once in ${results}, found ${jupiter.size()}")
def shallow = parsed.findAll { r -> labels(r, 'junit.platform.uniqueid').any { it.startsWith('[engine:lazarus]') } }
if (!shallow.isEmpty()) fail("Allure's listener wrote copies of Lazarus tests: ${shallow*.name}")
// Lazarus prefixes node names and hosts with whitespace that makes Allure's text order numeric: trim to read
def nodes = parsed.findAll { it.name.trim() ==~ /node 127\.0\.1\.\d+: attempt 1/ }
def hosts = nodes.collect { labels(it, 'host')[0].trim() }
if (hosts.size() != 8 || hosts.toSet().size() != 8) fail("expected each of 8 nodes once, found hosts ${hosts.sort()}")
nodes.each { r ->
    if (r.status != 'passed') fail("${r.name} is ${r.status}")
    if (!r.steps.any { it.name.startsWith('check tomcatServes') }) fail("${r.name} has no check step: ${r.steps*.name}")
}
if (!parsed.any { it.name == 'verdict: accounting invariant' }) fail("the fleet verdicts are not in ${results}")

// 3. Rendered by the real Allure CLI: one report, the Jupiter test, 8 nodes and 3 fleet verdicts, each once.
def report = new File(basedir, 'target/allure-report')
def render = new ProcessBuilder('sh', allureCli, 'generate', '--clean', '-o', report.path, results.path)
        .redirectErrorStream(true).start()
def rendered = render.inputStream.text
if (render.waitFor() != 0) fail("allure generate failed: ${rendered}")
def summary = new JsonSlurper().parse(new File(report, 'widgets/summary.json'))
if (summary.statistic.total != 12 || summary.statistic.passed != 12) fail("the rendered report counts ${summary.statistic}, expected 12 passed")
def suites = new JsonSlurper().parse(new File(report, 'data/suites.json'))
def leaves = []
def walk
walk = { node -> node.children ? node.children.each { walk(it) } : leaves << node.name.trim() }
walk(suites)
if (leaves.count('hostsAreOnePerLine()') != 1 || (1..8).any { i -> leaves.count("node 127.0.1.${i}: attempt 1".toString()) != 1 })
    fail("the rendered Suites tree does not hold the Jupiter test and each node once: ${leaves.sort()}")

// 3b. The Lazarus Fleet plugin the build installed into that CLI: the widget counts the 8 nodes, the tab lists each
//     once in numeric order, linked to its result.
def fleetWidget = new JsonSlurper().parse(new File(report, 'widgets/lazarus-fleet.json'))
if (fleetWidget.items.size() != 1 || fleetWidget.items[0].gold != 8 || fleetWidget.items[0].withVerdict != 8)
    fail("the Fleet widget does not show the 8 nodes: ${fleetWidget}")
def fleetNodes = new JsonSlurper().parse(new File(report, 'data/lazarus-fleet.json')).fleets[0].nodes
if (fleetNodes*.ip != (1..8).collect { "127.0.1.${it}".toString() } || fleetNodes.any { !it.uid })
    fail("the Fleet tab does not list the 8 nodes in order, each linked: ${fleetNodes*.ip}")

// 4. A quiet build log: no SLF4J warning, no library log line.
def log = new File(basedir, 'build.log').text
if (log.contains('SLF4J')) fail("the build log has an SLF4J line: " + log.readLines().find { it.contains('SLF4J') })
if (!log.contains('── recap: TomcatFleet')) fail("the build log has no recap of the run")
return true
