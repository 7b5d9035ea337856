package com.metasupervisor.configrepo.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitHub's REST API v3 (GitHub cannot be reached from the tests): a real HTTP server keeping one
 * repository in memory (refs, blobs, trees as path → blob maps, commits, pulls, comments) and answering the endpoints the
 * {@code github} backend uses with GitHub's status codes, JSON shapes, 422 bodies and rate-limit headers. It records
 * every request, can answer rate limits for the next requests, and can lose the answer of a request it applied (a
 * crash of the client between GitHub's write and its answer).
 */
final class StandInGitHub implements AutoCloseable {

    /** How the next requests are refused; FORBIDDEN is a permission refusal, not a rate limit. */
    enum Limit { PRIMARY, SECONDARY_RETRY_AFTER, SECONDARY_429, FORBIDDEN }

    record Recorded(String method, String path, String query, Map<String, String> headers, String body, Instant at) {
    }

    record Pull(long number, String head, String base, String title, String body, String headSha, Instant createdAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)");

    final String owner;
    final String repository;
    private final String prefix;
    private final Clock clock;
    private final HttpServer server;
    final List<Recorded> requests = new CopyOnWriteArrayList<>();
    final Map<String, String> refs = new TreeMap<>();
    final Map<String, byte[]> blobs = new HashMap<>();
    final Map<String, Map<String, String>> trees = new HashMap<>();
    final Map<String, ObjectNode> commits = new HashMap<>();
    final List<Pull> pulls = new ArrayList<>();
    final Map<Long, List<String>> comments = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private Limit limit;
    private int limitedLeft;
    private long retryAfterSeconds;
    private String loseAnswerOf; // "METHOD /path-suffix" whose next answer is lost after applying it
    private String raceBefore; // "METHOD /path-suffix" before whose next handling another writer acts
    private Runnable race;

    /** A repository {@code owner/repository} whose {@code baseBranch} has one commit with {@code files}. */
    StandInGitHub(String pathPrefix, String owner, String repository, String baseBranch, Map<String, String> files, Clock clock)
            throws IOException {
        this.prefix = pathPrefix;
        this.owner = owner;
        this.repository = repository;
        this.clock = clock;
        Map<String, String> tree = new TreeMap<>();
        files.forEach((path, content) -> tree.put(path, blob(content.getBytes(StandardCharsets.UTF_8))));
        String treeSha = sha("tree", tree.toString());
        trees.put(treeSha, tree);
        refs.put("refs/heads/" + baseBranch, commit(treeSha, List.of(), "initial"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
    }

    synchronized void limitNext(int requests, Limit kind, long retryAfter) {
        this.limit = kind;
        this.limitedLeft = requests;
        this.retryAfterSeconds = retryAfter;
    }

    synchronized void loseAnswerOf(String method, String pathSuffix) {
        this.loseAnswerOf = method + " " + pathSuffix;
    }

    /** Another writer (a second instance) does {@code action} just before the next {@code method pathSuffix} is handled. */
    synchronized void raceBefore(String method, String pathSuffix, Runnable action) {
        this.raceBefore = method + " " + pathSuffix;
        this.race = action;
    }

    /** Opens a pull request as another writer would. */
    synchronized void openPull(String head, String base, String title) {
        pulls.add(new Pull(pulls.size() + 1, head, base, title, "", refs.get("refs/heads/" + head), clock.instant()));
    }

    synchronized Map<String, String> filesAt(String ref) {
        String commit = refs.get(ref);
        Map<String, String> out = new TreeMap<>();
        trees.get(commits.get(commit).path("tree").path("sha").asText())
                .forEach((path, blob) -> out.put(path, new String(blobs.get(blob), StandardCharsets.UTF_8)));
        return out;
    }

    synchronized List<Recorded> mutations() {
        return requests.stream().filter(r -> !r.method().equals("GET")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            String method = exchange.getRequestMethod();
            requests.add(new Recorded(method, uri.getRawPath(), uri.getRawQuery(), headers, body, clock.instant()));
            synchronized (this) {
                respond(exchange, method, uri, headers, body);
            }
        }
    }

    private void respond(HttpExchange exchange, String method, URI uri, Map<String, String> headers, String body) throws IOException {
        long reset = clock.instant().getEpochSecond() + 3600;
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("x-ratelimit-limit", "5000");
        exchange.getResponseHeaders().set("x-ratelimit-remaining", "4999");
        exchange.getResponseHeaders().set("x-ratelimit-reset", Long.toString(reset));
        exchange.getResponseHeaders().set("x-ratelimit-resource", "core");
        if (!("Bearer " + StandInGitHubTokens.TOKEN).equals(headers.get("Authorization"))) {
            send(exchange, 401, message("Bad credentials"));
            return;
        }
        if (limitedLeft > 0) {
            limitedLeft--;
            switch (limit) {
                case PRIMARY -> {
                    exchange.getResponseHeaders().set("x-ratelimit-remaining", "0");
                    exchange.getResponseHeaders().set("x-ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + 120));
                    send(exchange, 403, message("API rate limit exceeded for user ID 1."));
                }
                case SECONDARY_RETRY_AFTER -> {
                    exchange.getResponseHeaders().set("retry-after", Long.toString(retryAfterSeconds));
                    send(exchange, 403, message("You have exceeded a secondary rate limit. Please wait a few minutes before you try again."));
                }
                case SECONDARY_429 -> send(exchange, 429, message("You have exceeded a secondary rate limit."));
                case FORBIDDEN -> send(exchange, 403, message("Resource not accessible by integration"));
            }
            return;
        }
        String path = uri.getRawPath();
        Matcher m = REPO.matcher(path.startsWith(prefix) ? path.substring(prefix.length()) : "");
        if (!path.startsWith(prefix) || !m.matches() || !m.group(1).equals(owner) || !m.group(2).equals(repository)) {
            send(exchange, 404, message("Not Found"));
            return;
        }
        String rest = m.group(3);
        Map<String, String> query = query(uri.getRawQuery());
        JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
        if (raceBefore != null && raceBefore.equals(method + " " + rest)) {
            raceBefore = null;
            race.run();
        }
        int[] status = {200};
        JsonNode answer = route(method, rest, query, json, status);
        String key = method + " " + rest;
        if (loseAnswerOf != null && key.equals(loseAnswerOf)) {
            loseAnswerOf = null;
            send(exchange, 502, message("Server Error"));
            return;
        }
        send(exchange, status[0], answer);
    }

    private JsonNode route(String method, String rest, Map<String, String> query, JsonNode json, int[] status) {
        if (method.equals("GET") && rest.startsWith("/git/ref/heads/")) {
            String name = "refs/heads/" + decode(rest.substring("/git/ref/heads/".length()));
            String sha = refs.get(name);
            if (sha == null) {
                status[0] = 404;
                return message("Not Found");
            }
            ObjectNode ref = JSON.createObjectNode().put("ref", name).put("url", "x");
            ref.putObject("object").put("sha", sha).put("type", "commit");
            return ref;
        }
        if (method.equals("GET") && rest.startsWith("/git/commits/")) {
            ObjectNode commit = commits.get(rest.substring("/git/commits/".length()));
            if (commit == null) {
                status[0] = 404;
                return message("Not Found");
            }
            return commit;
        }
        if (method.equals("GET") && rest.startsWith("/contents/")) {
            String path = decode(rest.substring("/contents/".length()));
            String ref = query.get("ref");
            String commit = refs.containsKey("refs/heads/" + ref) ? refs.get("refs/heads/" + ref) : ref;
            ObjectNode c = commit == null ? null : commits.get(commit);
            String blob = c == null ? null : trees.get(c.path("tree").path("sha").asText()).get(path);
            if (blob == null) {
                status[0] = 404;
                return message("Not Found");
            }
            String base64 = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.UTF_8)).encodeToString(blobs.get(blob)) + "\n";
            return JSON.createObjectNode().put("type", "file").put("encoding", "base64").put("size", blobs.get(blob).length)
                    .put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path).put("content", base64).put("sha", blob);
        }
        if (method.equals("POST") && rest.equals("/git/blobs")) {
            byte[] content = json.path("encoding").asText().equals("base64")
                    ? Base64.getDecoder().decode(json.path("content").asText())
                    : json.path("content").asText().getBytes(StandardCharsets.UTF_8);
            status[0] = 201;
            return JSON.createObjectNode().put("sha", blob(content)).put("url", "x");
        }
        if (method.equals("POST") && rest.equals("/git/trees")) {
            Map<String, String> tree = new TreeMap<>();
            if (json.hasNonNull("base_tree")) {
                Map<String, String> base = trees.get(json.path("base_tree").asText());
                if (base == null) {
                    status[0] = 422;
                    return message("Invalid tree info");
                }
                tree.putAll(base);
            }
            for (JsonNode entry : json.path("tree")) {
                if (!blobs.containsKey(entry.path("sha").asText())) {
                    status[0] = 422;
                    return message("Invalid tree info");
                }
                tree.put(entry.path("path").asText(), entry.path("sha").asText());
            }
            String sha = sha("tree", tree.toString());
            trees.put(sha, tree);
            status[0] = 201;
            return JSON.createObjectNode().put("sha", sha).put("url", "x");
        }
        if (method.equals("POST") && rest.equals("/git/commits")) {
            List<String> parents = new ArrayList<>();
            json.path("parents").forEach(p -> parents.add(p.asText()));
            status[0] = 201;
            return commits.get(commit(json.path("tree").asText(), parents, json.path("message").asText()));
        }
        if (method.equals("POST") && rest.equals("/git/refs")) {
            String name = json.path("ref").asText();
            if (refs.containsKey(name)) {
                status[0] = 422;
                return message("Reference already exists");
            }
            refs.put(name, json.path("sha").asText());
            status[0] = 201;
            ObjectNode ref = JSON.createObjectNode().put("ref", name);
            ref.putObject("object").put("sha", json.path("sha").asText()).put("type", "commit");
            return ref;
        }
        if (method.equals("GET") && rest.equals("/pulls")) {
            String head = query.get("head");
            String base = query.get("base");
            List<Pull> open = pulls.stream()
                    .filter(p -> head == null || (owner + ":" + p.head()).equals(head))
                    .filter(p -> base == null || p.base().equals(base)).toList();
            int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            ArrayNode array = JSON.createArrayNode();
            open.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(p -> array.add(pullJson(p)));
            return array;
        }
        if (method.equals("POST") && rest.equals("/pulls")) {
            String head = json.path("head").asText();
            String base = json.path("base").asText();
            if (!refs.containsKey("refs/heads/" + head)) {
                status[0] = 422;
                return validation("field", "head", "invalid");
            }
            if (pulls.stream().anyMatch(p -> p.head().equals(head) && p.base().equals(base))) {
                status[0] = 422;
                return validation("custom", null, "A pull request already exists for " + owner + ":" + head + ".");
            }
            Pull pull = new Pull(pulls.size() + 1, head, base, json.path("title").asText(), json.path("body").asText(),
                    refs.get("refs/heads/" + head), clock.instant());
            pulls.add(pull);
            status[0] = 201;
            return pullJson(pull);
        }
        Matcher comment = Pattern.compile("/issues/(\\d+)/comments").matcher(rest);
        if (method.equals("POST") && comment.matches()) {
            long number = Long.parseLong(comment.group(1));
            if (pulls.stream().noneMatch(p -> p.number() == number)) {
                status[0] = 404;
                return message("Not Found");
            }
            comments.computeIfAbsent(number, n -> new ArrayList<>()).add(json.path("body").asText());
            status[0] = 201;
            return JSON.createObjectNode().put("id", ids.incrementAndGet()).put("body", json.path("body").asText());
        }
        status[0] = 404;
        return message("Not Found");
    }

    private ObjectNode pullJson(Pull pull) {
        ObjectNode json = JSON.createObjectNode().put("number", pull.number()).put("state", "open")
                .put("title", pull.title()).put("body", pull.body())
                .put("html_url", "https://github.example/" + owner + "/" + repository + "/pull/" + pull.number())
                .put("created_at", pull.createdAt().toString());
        ObjectNode head = json.putObject("head").put("ref", pull.head()).put("label", owner + ":" + pull.head()).put("sha", pull.headSha());
        head.putObject("repo").put("full_name", owner + "/" + repository);
        json.putObject("base").put("ref", pull.base());
        return json;
    }

    private String blob(byte[] content) {
        String sha = sha("blob " + content.length + "\0", new String(content, StandardCharsets.ISO_8859_1));
        blobs.put(sha, content);
        return sha;
    }

    /** The committer time of the first commit made here. */
    static final java.time.Instant COMMIT_EPOCH = java.time.Instant.parse("2026-01-01T00:00:00Z");

    private String commit(String tree, List<String> parents, String message) {
        String sha = sha("commit", tree + parents + message + ids.incrementAndGet());
        ObjectNode commit = JSON.createObjectNode().put("sha", sha).put("message", message);
        // GitHub's shape: author and committer with an ISO-8601 date (seconds); one second per commit made here
        String date = COMMIT_EPOCH.plusSeconds(ids.get()).toString();
        commit.putObject("author").put("name", "Meta-Supervisor").put("email", "meta-supervisor@localhost").put("date", date);
        commit.putObject("committer").put("name", "Meta-Supervisor").put("email", "meta-supervisor@localhost").put("date", date);
        commit.putObject("tree").put("sha", tree);
        ArrayNode p = commit.putArray("parents");
        parents.forEach(parent -> p.addObject().put("sha", parent));
        commits.put(sha, commit);
        return sha;
    }

    private static String sha(String kind, String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(kind.getBytes(StandardCharsets.ISO_8859_1));
            digest.update(content.getBytes(StandardCharsets.ISO_8859_1));
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode message(String text) {
        return JSON.createObjectNode().put("message", text).put("documentation_url", "https://docs.github.com/rest");
    }

    private static ObjectNode validation(String code, String field, String text) {
        ObjectNode json = message("Validation Failed");
        ObjectNode error = json.putArray("errors").addObject().put("resource", "PullRequest").put("code", code);
        if (field != null) {
            error.put("field", field);
        }
        error.put("message", text);
        return json;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Decodes a path segment, where '+' is a plus, not a space. */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
