package com.metasupervisor.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The demo's local webhook (the JDK's HTTP server on a free port of 127.0.0.1): each POST body is saved as
 * {@code <n>.json} in a directory, in the order received, and answered {@code 200 ok} as Slack answers.
 */
public final class WebhookSink implements AutoCloseable {

    private static final String PATH = "/webhook";

    private final HttpServer server;
    private final Path dir;
    private int saved;

    private WebhookSink(HttpServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** Starts the server; bodies go to {@code dir} (created). */
    public static WebhookSink start(Path dir) {
        try {
            Files.createDirectories(dir);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookSink sink = new WebhookSink(server, dir);
            server.createContext(PATH, sink::handle);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "demo-webhook-sink");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the webhook sink in " + dir, e);
        }
    }

    /** Where to POST. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public synchronized int saved() {
        return saved;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            synchronized (this) {
                saved++;
                Files.write(dir.resolve(String.format(Locale.ROOT, "%03d.json", saved)), body);
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
