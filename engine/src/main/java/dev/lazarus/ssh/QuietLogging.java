package dev.lazarus.ssh;

import net.schmizz.sshj.common.LoggerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * sshj's own log lines kept off the user's console: a refused host key, a dropped connection or a disconnect is
 * Lazarus's to report, once, in the node's verdict (raw {@code WARN … has changed!} lines would say it twice, and
 * differently).
 */
public final class QuietLogging {

    /** Hands sshj a logger that writes nothing. */
    public static final LoggerFactory FACTORY = new LoggerFactory() {
        @Override
        public Logger getLogger(String name) {
            return NOPLogger.NOP_LOGGER;
        }

        @Override
        public Logger getLogger(Class<?> clazz) {
            return NOPLogger.NOP_LOGGER;
        }
    };

    private QuietLogging() {}
}
