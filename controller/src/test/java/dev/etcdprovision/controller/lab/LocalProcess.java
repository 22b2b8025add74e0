package dev.etcdprovision.controller.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program on the machine that runs the tests (openssl, etcdctl) and keeps its output. */
public final class LocalProcess {
    private LocalProcess() {}

    public record Result(int exitCode, String stdout, String stderr) {}

    public static Result run(Duration timeout, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            // both streams drain while the process runs: a full pipe would stall it
            CompletableFuture<byte[]> stdout = drain(process, false);
            CompletableFuture<byte[]> stderr = drain(process, true);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), new String(stdout.join(), StandardCharsets.UTF_8),
                    new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each stream on its own thread: the common pool may have a single thread on a small machine. */
    private static CompletableFuture<byte[]> drain(Process process, boolean errors) {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                bytes.complete((errors ? process.getErrorStream() : process.getInputStream()).readAllBytes());
            } catch (IOException e) {
                bytes.completeExceptionally(new UncheckedIOException(e));
            }
        }, "local-process-output");
        reader.setDaemon(true);
        reader.start();
        return bytes;
    }
}
