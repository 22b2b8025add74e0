<#-- The systemd unit of an etcd member. Its sandbox leaves etcd what it needs: its data dir to
     write, its configuration to read, TCP to listen and connect, the journal and sd_notify. -->
# etcd ${etcd.version}, member ${node.name} of cluster ${cluster.name}.
# Written by etcd-provision from the inventory: change the inventory, not this file.
[Unit]
Description=etcd ${etcd.version} member ${node.name} of cluster ${cluster.name}
Documentation=https://etcd.io/docs/v${etcd.series()}/
After=network-online.target
Wants=network-online.target

[Service]
# etcd tells systemd when it serves: after it has joined its cluster (which needs a quorum)
Type=notify
TimeoutStartSec=300
User=${layout.ETCD_USER}
Group=${layout.ETCD_GROUP}
EnvironmentFile=${layout.ETCD_CONF}
ExecStart=${layout.etcd(etcd.version)}
Restart=on-failure
RestartSec=5s
LimitNOFILE=65536
# etcd's tuning guide: disk I/O of the member comes first
IOSchedulingClass=best-effort
IOSchedulingPriority=0
UMask=0077

# Sandbox
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
ProtectSystem=strict
ReadWritePaths=${cluster.dataDir}
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
DevicePolicy=closed
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
ProcSubset=pid
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
LockPersonality=yes
MemoryDenyWriteExecute=yes
RemoveIPC=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallFilter=~@privileged @resources
SystemCallErrorNumber=EPERM

[Install]
WantedBy=multi-user.target
