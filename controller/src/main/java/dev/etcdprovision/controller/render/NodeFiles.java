package dev.etcdprovision.controller.render;

import dev.etcdprovision.agent.RemoteFile;
import java.util.List;

/**
 * The rendered files of one node, and its etcd.conf as variables (for a planner to tell a
 * change that needs a restart from one that does not).
 *
 * @param etcdctl the {@code etcdctl} wrapper for root on the node (see {@link NodeLayout#ETCDCTL_WRAPPER})
 */
public record NodeFiles(RemoteFile etcdConf, RemoteFile etcdctlEnv, RemoteFile etcdctl, RemoteFile unit,
        EtcdConf etcdConfVariables) {

    public List<RemoteFile> all() {
        return List.of(etcdConf, etcdctlEnv, etcdctl, unit);
    }
}
