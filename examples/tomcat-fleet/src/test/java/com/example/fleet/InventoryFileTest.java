package com.example.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A plain Jupiter test beside the scenario: both end up in one Allure report. */
class InventoryFileTest {

    @Test
    void hostsAreOnePerLine() {
        String inventory = "10.0.0.1\n10.0.0.2\n";
        assertThat(inventory.lines()).containsExactly("10.0.0.1", "10.0.0.2");
    }
}
