package dev.lazarus.scenarios;

import dev.lazarus.api.Scenario;

/**
 * Tomcat on EC2. By default against the EC2 emulator ({@code ec2-emulated}: the real AWS SDK, a WireMock
 * EC2 API on loopback, embedded SSH nodes as instances); against a real account with
 * {@code -Dlazarus.control-plane=ec2 -Dlazarus.ec2.ami=... -Dlazarus.ec2.private-key=...} and credentials
 * and region from the SDK's default chains (see the README).
 */
@Scenario(
        name = "TomcatOnEc2",
        controlPlane = "ec2-emulated",
        fleetSize = 64,
        commands = {
            "sudo apt-get update",
            "sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tomcat10",
            "sudo systemctl enable --now tomcat10",
            "curl -sf http://localhost:8080/"
        })
public class TomcatOnEc2Scenario {}
