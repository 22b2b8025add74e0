package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.apply.ApplyOptions;
import dev.etcdprovision.controller.apply.Restore;
import dev.etcdprovision.controller.apply.Restore;
import dev.etcdprovision.controller.cluster.SnapshotFile;
import dev.etcdprovision.controller.cluster.SnapshotInfo;
import dev.etcdprovision.controller.inventory.ByteSize;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.operate.AdminCertificate;
import dev.etcdprovision.controller.operate.SnapshotSave;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Snapshots of the key-value store: saved to this machine, and the cluster restored from one. */
@Command(name = "snapshot", description = "Saves a snapshot of the cluster's data to this machine, or restores the"
        + " cluster from one.", subcommands = {SnapshotCommand.SaveCommand.class, SnapshotCommand.RestoreCommand.class})
final class SnapshotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: save or restore");
    }

    @Command(name = "save", description = {"Saves a snapshot from a healthy member to FILE (default: backups/"
            + "<cluster>-<UTC time>.db next to the inventory, or in --backup-dir) and prints its size, revision and"
            + " sha256.", "The file is written under a temporary name and renamed once complete."})
    static final class SaveCommand implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Where to save it.")
        Path file;
        @Mixin
        InventoryOption inventory;
        @Mixin
        BackupDirOption backups;
        @Mixin
        OutputOption output;
        @Spec
        CommandSpec spec;

        /** The outcome for scripts; only {@code failure} (and the events) when it failed. */
        record SavedJson(String result, String file, String member, String endpoint, Long sizeBytes, Long revision,
                String sha256, double seconds, List<WorkflowRun.EventJson> events, WorkflowRun.FailureJson failure) {}

        @Override
        public Integer call() throws Exception {
            Path inventoryFile = inventory.locate();
            Inventory loaded = inventory.load();
            AdminCertificate.require(loaded);
            Path target = file != null ? file
                    : SnapshotSave.defaultFile(backups.folder(inventoryFile), loaded.cluster().name(), Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            WorkflowRun<SnapshotSave.Saved> run = WorkflowRun.run(() -> ClusterAccess.etcdOnly(loaded),
                    output.json(), out, (access, progress) -> SnapshotSave.save(access, target));
            if (output.json()) {
                Optional<SnapshotSave.Saved> saved = run.result();
                Optional<SnapshotInfo> snapshot = saved.map(SnapshotSave.Saved::snapshot);
                OutputOption.writeJson(out, new SavedJson(run.failed() ? "failed" : "ok",
                        snapshot.map(info -> info.file().toString()).orElse(null),
                        saved.map(SnapshotSave.Saved::member).orElse(null),
                        snapshot.map(info -> info.source().toString()).orElse(null),
                        snapshot.map(SnapshotInfo::sizeBytes).orElse(null),
                        snapshot.map(SnapshotInfo::revision).orElse(null),
                        snapshot.map(SnapshotInfo::sha256).orElse(null), run.seconds(), run.events(),
                        run.failureJson()));
                return run.exitCode(spec.commandLine().getErr());
            }
            if (run.failed()) {
                return run.exitCode(spec.commandLine().getErr());
            }
            SnapshotSave.Saved saved = run.result().orElseThrow();
            SnapshotInfo snapshot = saved.snapshot();
            out.printf(Locale.ROOT, "[snapshot] saved from %s (%s) in %.2f s%n", saved.member(), snapshot.source(),
                    WorkflowRun.seconds(saved.took()));
            out.println("file      " + snapshot.file());
            out.println("size      " + snapshot.sizeBytes() + " bytes (" + new ByteSize(snapshot.sizeBytes())
                    .approximate() + ")");
            out.println("revision  " + snapshot.revision());
            out.println("sha256    " + snapshot.sha256());
            return Main.OK;
        }
    }

    @Command(name = "restore", description = {"Restores the cluster from a snapshot: the recovery when it has lost its"
            + " quorum for good. Stops etcd on every node, moves every data dir aside (never deletes it), makes each"
            + " node what apply makes it (blank hosts too), restores the snapshot on each as a member of a NEW"
            + " cluster (a new token, new member IDs), starts them together and verifies the snapshot's data is"
            + " there.", "Refuses while the cluster still has a healthy quorum, unless --force. A restore that broke"
            + " off is finished by running it again."})
    static final class RestoreCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot (from snapshot save or etcdctl"
                + " snapshot save).")
        Path file;
        @Option(names = "--force", description = "Restore even though the cluster has a healthy quorum: its current"
                + " data is replaced by the snapshot's.")
        boolean force;
        @Mixin
        InventoryOption inventory;
        @Mixin
        ClusterOptions cluster;
        @Mixin
        OutputOption output;
        @Spec
        CommandSpec spec;

        record MemberJson(String name, String memberId) {}

        /** The outcome for scripts; {@code token}, {@code snapshotRevision} and {@code failure} null when not known. */
        record RestoreJson(String command, String inventory, String snapshot, String result, String token,
                Long snapshotRevision, List<MemberJson> members, double seconds, List<WorkflowRun.EventJson> events,
                WorkflowRun.FailureJson failure) {}

        @Override
        public Integer call() throws Exception {
            Path inventoryFile = inventory.locate();
            Inventory loaded = inventory.load();
            ApplyOptions options = cluster.options(inventoryFile, false);
            SnapshotFile snapshot = Restore.check(file);
            PrintWriter out = spec.commandLine().getOut();
            WorkflowRun<Restore.Restored> run = WorkflowRun.run(loaded, options.hostKeyPolicy(), output.json(), out,
                    (access, progress) -> new Restore(access, options, progress).run(snapshot, force));
            Optional<Restore.Restored> restored = run.result();
            if (output.json()) {
                OutputOption.writeJson(out, new RestoreJson("snapshot restore", inventoryFile.toString(),
                        file.toAbsolutePath().toString(), run.failed() ? "failed" : "ok",
                        restored.map(Restore.Restored::token).orElse(null),
                        restored.map(Restore.Restored::snapshotRevision).orElse(null),
                        restored.map(done -> done.members().stream()
                                .map(member -> new MemberJson(member.name(), member.memberId())).toList())
                                .orElse(List.of()),
                        run.seconds(), run.events(), run.failureJson()));
            } else {
                restored.ifPresent(done -> {
                    out.printf(Locale.ROOT, "[restore] cluster %s restored from %s (revision %d) as a new cluster,"
                            + " token %s, in %.2f s; its members:%n", loaded.cluster().name(), file.toAbsolutePath(),
                            done.snapshotRevision(), done.token(), run.seconds());
                    done.members().forEach(member -> out.println("  " + member.name() + "  " + member.memberId()));
                });
            }
            return run.exitCode(spec.commandLine().getErr());
        }
    }
}
