package dev.etcdprovision.controller.cli;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The command line reports what happens itself, with the host, phase and a hint; the libraries'
 * own log lines (gRPC's and netty's through java.util.logging, sshj's and jetcd's through slf4j)
 * would only repeat it less clearly. {@code ETCD_PROVISION_DEBUG=1} shows them.
 */
final class QuietLogs {
    private QuietLogs() {}

    static void install() {
        boolean debug = "1".equals(System.getenv("ETCD_PROVISION_DEBUG"));
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "off");
        }
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(debug ? Level.FINE : Level.OFF);
        if (debug) {
            Logger.getLogger("").addHandler(new java.util.logging.ConsoleHandler());
        }
    }
}
