package com.metasupervisor.configrepo.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.configrepo.ConfigRepository;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.configrepo.RepoFile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code github} backend: the config repository on GitHub (or GitHub Enterprise Server) through its REST API.
 * A proposal is one blob per file, one tree on the base head's tree, one commit, one ref and one pull request; a retry
 * after a crash at any step finds the branch or the open pull request and writes nothing new.
 */
public final class GitHubRepository implements ConfigRepository {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubRepository.class);
    private static final int PAGE = 100;

    private final GitHubSettings settings;
    private final GitHubApi api;

    public GitHubRepository(GitHubSettings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL);
    }

    /** With the clock and the sleeper that rate limits and request spacing wait on (tests pass manual ones). */
    public GitHubRepository(GitHubSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.api = new GitHubApi(settings, Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"));
    }

    @Override
    public String baseBranch() {
        return settings.baseBranch();
    }

    @Override
    public String baseHead() {
        return branchHead(settings.baseBranch())
                .orElseThrow(() -> new ConfigRepositoryException("base branch '" + settings.baseBranch() + "' not found in "
                        + settings.owner() + "/" + settings.repository()));
    }

    @Override
    public java.time.Instant commitTime(String commit) {
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("a commit id is 40 lower-case hex digits, was " + commit);
        }
        GitHubApi.Answer answer = api.get(api.repoPath("/git/commits/" + commit));
        require(answer, "read commit " + commit);
        String date = answer.body() == null ? "" : answer.body().path("committer").path("date").asText("");
        try {
            return java.time.Instant.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigRepositoryException("commit " + commit + " has no committer date GitHub's way (ISO-8601): '" + date + "'");
        }
    }

    @Override
    public Optional<RepoFile> read(String path) {
        new RepoFile(path, "", ""); // checks the path (IllegalArgumentException) before asking GitHub
        String head = baseHead();
        GitHubApi.Answer answer = api.get(api.repoPath("/contents/" + encodePath(path) + "?ref=" + head));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        require(answer, "read " + path);
        JsonNode body = answer.body();
        if (body == null || body.isArray() || !"file".equals(body.path("type").asText())) {
            throw new ConfigRepositoryException(path + " is not a file at " + head);
        }
        String content;
        if ("base64".equals(body.path("encoding").asText())) {
            content = decode(body.path("content").asText());
        } else {
            // files over 1 MB come without content: read their blob instead
            GitHubApi.Answer blob = api.get(api.repoPath("/git/blobs/" + body.path("sha").asText()));
            require(blob, "read the blob of " + path);
            content = decode(blob.body().path("content").asText());
        }
        return Optional.of(new RepoFile(path, content, head));
    }

    @Override
    public PullRequest propose(ProposedChange change) {
        Objects.requireNonNull(change, "change");
        String branch = change.branch();
        if (branch.equals(settings.baseBranch()) || branch.equals("refs/heads/" + settings.baseBranch())) {
            throw new IllegalArgumentException("refusing to propose on the base branch '" + settings.baseBranch() + "'");
        }
        Optional<PullRequest> open = openPullRequestOf(branch);
        if (open.isPresent()) {
            LOG.info("GitHub: pull request #{} of {} is already open", open.get().number(), branch);
            return open.get();
        }
        boolean branchCreated = false;
        if (branchHead(branch).isEmpty()) {
            branchCreated = createBranch(change);
        } else {
            LOG.info("GitHub: branch {} exists already (a retry): opening its pull request", branch);
        }
        Map<String, Object> pull = new LinkedHashMap<>();
        pull.put("title", change.title());
        pull.put("head", branch);
        pull.put("base", settings.baseBranch());
        pull.put("body", change.body());
        GitHubApi.Answer answer = api.post(api.repoPath("/pulls"), pull);
        if (answer.alreadyExists()) {
            return openPullRequestOf(branch).orElseThrow(() -> new ConfigRepositoryException(
                    "GitHub says a pull request of " + branch + " exists, but none is open"));
        }
        require(answer, "open the pull request of " + branch);
        PullRequest created = toPullRequest(answer.body(), branchCreated);
        LOG.info("GitHub: opened pull request #{} of {}", created.number(), branch);
        return created;
    }

    /** Blobs, tree, commit and ref of {@code change}; false when the ref turned out to exist already. */
    private boolean createBranch(ProposedChange change) {
        String baseHead = baseHead();
        GitHubApi.Answer baseCommit = api.get(api.repoPath("/git/commits/" + baseHead));
        require(baseCommit, "read the base commit " + baseHead);
        List<Map<String, Object>> entries = new ArrayList<>();
        change.files().forEach((path, content) -> {
            GitHubApi.Answer blob = api.post(api.repoPath("/git/blobs"), Map.of(
                    "content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)),
                    "encoding", "base64"));
            require(blob, "create the blob of " + path);
            entries.add(Map.of("path", path, "mode", "100644", "type", "blob", "sha", blob.body().path("sha").asText()));
        });
        GitHubApi.Answer tree = api.post(api.repoPath("/git/trees"), Map.of(
                "base_tree", baseCommit.body().path("tree").path("sha").asText(), "tree", entries));
        require(tree, "create the tree of " + change.branch());
        GitHubApi.Answer commit = api.post(api.repoPath("/git/commits"), Map.of(
                "message", change.title() + "\n\n" + change.body(),
                "tree", tree.body().path("sha").asText(),
                "parents", List.of(baseHead)));
        require(commit, "create the commit of " + change.branch());
        GitHubApi.Answer ref = api.post(api.repoPath("/git/refs"), Map.of(
                "ref", "refs/heads/" + change.branch(), "sha", commit.body().path("sha").asText()));
        if (ref.alreadyExists()) {
            LOG.info("GitHub: branch {} was created meanwhile; keeping it", change.branch());
            return false;
        }
        require(ref, "create the branch " + change.branch());
        return true;
    }

    @Override
    public List<PullRequest> openPullRequests(String branchPrefix) {
        Objects.requireNonNull(branchPrefix, "branchPrefix");
        List<PullRequest> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            GitHubApi.Answer answer = api.get(api.repoPath("/pulls?state=open&base=" + query(settings.baseBranch())
                    + "&sort=created&direction=asc&per_page=" + PAGE + "&page=" + page));
            require(answer, "list open pull requests");
            for (JsonNode pull : answer.body()) {
                if (pull.path("head").path("ref").asText().startsWith(branchPrefix) && ownRepository(pull)) {
                    found.add(toPullRequest(pull, false));
                }
            }
            if (answer.body().size() < PAGE) {
                return List.copyOf(found);
            }
        }
    }

    @Override
    public void comment(PullRequest pullRequest, String body) {
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(body, "body");
        if (pullRequest.number() <= 0) {
            throw new IllegalArgumentException("not a GitHub pull request: " + pullRequest);
        }
        GitHubApi.Answer answer = api.post(api.repoPath("/issues/" + pullRequest.number() + "/comments"), Map.of("body", body));
        require(answer, "comment on pull request #" + pullRequest.number());
    }

    @Override
    public void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "GitHubRepository[" + settings + "]";
    }

    private Optional<PullRequest> openPullRequestOf(String branch) {
        GitHubApi.Answer answer = api.get(api.repoPath("/pulls?state=open&head=" + query(settings.owner() + ":" + branch)));
        require(answer, "look up the open pull request of " + branch);
        for (JsonNode pull : answer.body()) {
            if (pull.path("head").path("ref").asText().equals(branch) && ownRepository(pull)) {
                return Optional.of(toPullRequest(pull, false));
            }
        }
        return Optional.empty();
    }

    private boolean ownRepository(JsonNode pull) {
        String fullName = pull.path("head").path("repo").path("full_name").asText("");
        return fullName.isEmpty() || fullName.equalsIgnoreCase(settings.owner() + "/" + settings.repository());
    }

    private Optional<String> branchHead(String branch) {
        GitHubApi.Answer answer = api.get(api.repoPath("/git/ref/heads/" + encodePath(branch)));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        require(answer, "read the branch " + branch);
        return Optional.of(answer.body().path("object").path("sha").asText());
    }

    private static PullRequest toPullRequest(JsonNode pull, boolean created) {
        return new PullRequest(pull.path("number").asLong(), pull.path("head").path("ref").asText(),
                pull.path("title").asText(), pull.path("html_url").asText(), created);
    }

    private static void require(GitHubApi.Answer answer, String what) {
        if (!answer.ok() || answer.body() == null) {
            throw new ConfigRepositoryException("GitHub could not " + what + ": status " + answer.status()
                    + (answer.message().isEmpty() ? "" : " (" + answer.message() + ")"));
        }
    }

    private static String decode(String base64) {
        // GitHub wraps the base64 content in lines
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Encodes each segment of a path (branch names and file paths keep their '/'). */
    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
