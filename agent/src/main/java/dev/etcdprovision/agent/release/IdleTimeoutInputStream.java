package dev.etcdprovision.agent.release;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A download body that gives up when no byte arrives for a while. HttpClient's request timeout
 * ends when the response headers arrive; a server (or proxy) that then stops sending would leave
 * the read blocked forever. A watchdog closes the stream after {@code idle} without progress,
 * which ends the blocked read, and the read then fails with what happened.
 */
final class IdleTimeoutInputStream extends FilterInputStream {
    private final Duration idle;
    private final ScheduledExecutorService watchdog;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean timedOut;

    IdleTimeoutInputStream(InputStream in, Duration idle) {
        super(in);
        this.idle = idle;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "download-idle-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(10, idle.toMillis() / 10);
        watchdog.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (System.nanoTime() - lastProgress > idle.toNanos()) {
            timedOut = true;
            watchdog.shutdown();
            try {
                in.close();
            } catch (IOException ignored) {
                // the reader fails on timedOut either way
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw timedOut ? stalled(e) : e;
        }
        if (timedOut) {
            throw stalled(null);
        }
        lastProgress = System.nanoTime();
        return n;
    }

    private IOException stalled(IOException cause) {
        return new IOException("no data received for " + idle.toSeconds() + " s", cause);
    }

    @Override
    public void close() throws IOException {
        watchdog.shutdownNow();
        in.close();
    }
}
