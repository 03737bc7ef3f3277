package dev.lazarus.fleet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A project that runs on the embedded fleet (engine and embedded fleet on its test class path, as here) carries no
 * cloud SDK: the EC2 control plane is an artifact of its own.
 */
class NoCloudSdkTest {

    @Test
    void theAwsSdkIsNotOnTheClassPathOfTheEngineAndTheEmbeddedFleet() {
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.core.SdkClient"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("com.github.tomakehurst.wiremock.WireMockServer"))
                .as("nor the EC2 emulator's WireMock")
                .isInstanceOf(ClassNotFoundException.class);
    }
}
