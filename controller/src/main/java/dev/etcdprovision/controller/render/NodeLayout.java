package dev.etcdprovision.controller.render;

import dev.etcdprovision.agent.facts.Ownership;

/**
 * Where everything lives on a node. The one place that spells these paths: templates reach it
 * as {@code layout} ({@code ${layout.ETCD_CONF}}, {@code ${layout.etcd(etcd.version)}}), the
 * other commands through these constants.
 */
public final class NodeLayout {
    /** The unprivileged user and group etcd runs as. */
    public static final String ETCD_USER = "etcd";
    public static final String ETCD_GROUP = "etcd";

    public static final String CONFIG_DIR = "/etc/etcd";
    /** etcd's settings as environment variables; root:etcd 0640. */
    public static final String ETCD_CONF = CONFIG_DIR + "/etcd.conf";
    /** ETCDCTL_* settings for etcdctl on the node, with the health check client certificate. */
    public static final String ETCDCTL_ENV = CONFIG_DIR + "/etcdctl.env";
    /**
     * {@code etcdctl} on root's PATH: loads {@link #ETCDCTL_ENV} and runs the release's etcdctl, so
     * that root on the node needs no flags. Not part of what etcd runs with: it never restarts etcd.
     */
    public static final String ETCDCTL_WRAPPER = "/usr/local/bin/etcdctl";

    public static final String PKI_DIR = CONFIG_DIR + "/pki";
    public static final String CA_CERT = PKI_DIR + "/ca.crt";
    public static final String SERVER_CERT = PKI_DIR + "/server.crt";
    public static final String SERVER_KEY = PKI_DIR + "/server.key";
    public static final String PEER_CERT = PKI_DIR + "/peer.crt";
    public static final String PEER_KEY = PKI_DIR + "/peer.key";
    public static final String HEALTHCHECK_CLIENT_CERT = PKI_DIR + "/healthcheck-client.crt";
    public static final String HEALTHCHECK_CLIENT_KEY = PKI_DIR + "/healthcheck-client.key";

    /**
     * The fingerprint of the settings the running etcd was started with (see
     * {@code desired.DesiredNode#fingerprint}); written only after a start or restart succeeded,
     * so a crash between writing new settings and restarting is seen, and finished, by the next run.
     */
    public static final String RUNNING_CONFIG = CONFIG_DIR + "/running-config.sha256";

    public static final String UNIT_NAME = "etcd3.service";
    public static final String UNIT_FILE = "/etc/systemd/system/" + UNIT_NAME;

    /** Each version in its own folder: an upgrade installs next to the running one, then switches the unit. */
    public static final String INSTALL_DIR = "/opt/etcd";

    /** Folders the controller makes, with who may read them: etcd reads its settings, only root changes them. */
    public static final Ownership CONFIG_DIR_OWNERSHIP = new Ownership("root", ETCD_GROUP, 0750);
    public static final Ownership INSTALL_DIR_OWNERSHIP = new Ownership("root", "root", 0755);
    /** The data dir: etcd's alone. */
    public static final Ownership DATA_DIR_OWNERSHIP = new Ownership(ETCD_USER, ETCD_GROUP, 0700);

    private NodeLayout() {}

    /** {@code /opt/etcd/v3.5.16} */
    public static String binDir(String version) {
        return INSTALL_DIR + "/v" + version;
    }

    public static String etcd(String version) {
        return binDir(version) + "/etcd";
    }

    public static String etcdctl(String version) {
        return binDir(version) + "/etcdctl";
    }

    /** Only in releases from 3.5 on. */
    public static String etcdutl(String version) {
        return binDir(version) + "/etcdutl";
    }

    /** A snapshot sent for a restore: beside the data dir, on its disk; deleted once the restore is done. */
    public static String restoreSnapshot(String dataDir) {
        return dataDir + ".snapshot.db";
    }

    /**
     * Written when a restore has filled the data dir, deleted just before etcd first starts on it: a
     * restore that broke off keeps such a node's data and goes on from there (see {@code apply.Restore}).
     */
    public static String restoreMarker(String dataDir) {
        return dataDir + ".restored";
    }
}
