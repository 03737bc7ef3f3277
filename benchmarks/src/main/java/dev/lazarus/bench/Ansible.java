package dev.lazarus.bench;

import dev.lazarus.fleet.openssh.RealSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The same workload through Ansible: strategy free, forks = N, pipelining and ControlPersist, shell tasks. */
final class Ansible {

    private Ansible() {}

    /** Why Ansible cannot run here, or null (installing Debian's ansible when root and missing). */
    static String unavailableBecause() throws Exception {
        if (Files.isExecutable(Path.of("/usr/bin/ansible-playbook"))) {
            return null;
        }
        if (!"0".equals(Bench.output("id", "-u").strip())) {
            return "ansible-playbook is not installed and we are not root to install it";
        }
        System.err.println("[bench] installing Debian's ansible");
        Bench.output("apt-get", "install", "-y", "-qq", "ansible");
        return Files.isExecutable(Path.of("/usr/bin/ansible-playbook")) ? null : "apt-get install ansible failed";
    }

    /** Runs the playbook on every address; returns the wall seconds, or throws when a host failed. */
    static double run(Path dir, List<OpenSshFleet.Node> nodes) throws Exception {
        List<String> commands = BenchOpenSsh.COMMANDS;
        List<String> inventory = new ArrayList<>(List.of("[fleet]"));
        for (int i = 0; i < nodes.size(); i++) {
            OpenSshFleet.Node n = nodes.get(i);
            inventory.add("n" + i + " ansible_host=" + n.ip() + " ansible_port=" + n.port()
                    + " ansible_ssh_private_key_file=" + n.key());
        }
        inventory.add("[fleet:vars]");
        inventory.add("ansible_user=" + RealSshd.USER);
        inventory.add("ansible_python_interpreter=/usr/bin/python3");
        Files.write(dir.resolve("inventory.ini"), inventory);
        StringBuilder play = new StringBuilder("- hosts: fleet\n  gather_facts: false\n  strategy: free\n  tasks:\n");
        for (String c : commands) {
            play.append("    - shell: \"").append(c).append("\"\n");
        }
        Files.writeString(dir.resolve("play.yml"), play);
        Files.writeString(
                dir.resolve("ansible.cfg"),
                "[defaults]\nforks = " + nodes.size()
                        + "\nhost_key_checking = False\nretry_files_enabled = False\nnocolor = True\n"
                        + "[ssh_connection]\npipelining = True\ncontrol_path_dir = " + dir.resolve("cp")
                        + "\nssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=/dev/null\n");
        ProcessBuilder pb = new ProcessBuilder("ansible-playbook", "-i", "inventory.ini", "play.yml")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ansible.log").toFile());
        pb.environment().put("ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString());
        pb.environment().put("HOME", dir.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("ansible-playbook did not finish in 20 min");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 0) {
            List<String> log = Files.readAllLines(dir.resolve("ansible.log"));
            String first = log.stream()
                    .filter(l -> l.contains("UNREACHABLE") || l.startsWith("fatal"))
                    .findFirst()
                    .orElse("");
            throw new IllegalStateException("ansible-playbook failed: " + first + "\n... its last lines:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 5), log.size())));
        }
        return seconds;
    }
}
