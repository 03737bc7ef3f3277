package dev.lazarus.spi;

/**
 * Bad input, caught before any node is touched. The message names the parameter, annotation or file line, the
 * value, and what is allowed.
 */
public class LazarusConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LazarusConfigurationException(String message) {
        super(message);
    }

    public LazarusConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
