package dev.lazarus.config;

import org.junit.platform.commons.JUnitException;

/** Bad input, caught before any node is touched. The message names the parameter or class. */
public class LazarusConfigurationException extends JUnitException {

    private static final long serialVersionUID = 1L;

    public LazarusConfigurationException(String message) {
        super(message);
    }

    public LazarusConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
