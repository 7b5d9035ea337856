package com.metasupervisor.configrepo.localgit;

import com.metasupervisor.configrepo.ConfigRepository;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.configrepo.RepoPaths;
import com.metasupervisor.configrepo.RepoFile;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code local-git} backend: a local repository (working tree or bare) read and written through JGit's object
 * database only. It never checks anything out and never touches a working tree or index, so a person may have the
 * repository open while it runs. A pull request here is a branch: "open" while its head is not merged into the base
 * branch; its comments are git notes under {@value #NOTES_REF}.
 */
public final class LocalGitRepository implements ConfigRepository {

    /** Where comments go: {@code git notes --ref=meta-supervisor show <branch>} shows them. */
    public static final String NOTES_REF = "refs/notes/meta-supervisor";
    static final String IDENT_NAME = "Meta-Supervisor";
    static final String IDENT_EMAIL = "meta-supervisor@localhost";
    /** Tries of a ref update while another writer holds the ref's lock file (it holds it for milliseconds). */
    private static final int REF_UPDATE_ATTEMPTS = 20;

    private final Path path;
    private final Repository repository;
    private final String baseBranch;
    private final Clock clock;

    private LocalGitRepository(Path path, Repository repository, String baseBranch, Clock clock) {
        this.path = path;
        this.repository = repository;
        this.baseBranch = baseBranch;
        this.clock = clock;
    }

    /** Opens the existing repository at {@code path} (a working tree or a bare repository). */
    public static LocalGitRepository open(Path path, String baseBranch) {
        return open(path, baseBranch, Clock.systemUTC());
    }

    /** As {@link #open(Path, String)}, with the clock that stamps commits. */
    public static LocalGitRepository open(Path path, String baseBranch, Clock clock) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(clock, "clock");
        checkBranchName(baseBranch, "base branch");
        Path absolute = path.toAbsolutePath().normalize();
        // resolve() accepts a working tree (finds its .git) or a bare repository, and never climbs to a parent.
        File gitDir = RepositoryCache.FileKey.resolve(absolute.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new ConfigRepositoryException("no git repository at " + absolute);
        }
        Repository repository;
        try {
            repository = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
        } catch (IOException e) {
            throw new ConfigRepositoryException("cannot open the git repository at " + absolute + ": " + e.getMessage(), e);
        }
        LocalGitRepository opened = new LocalGitRepository(absolute, repository, baseBranch, clock);
        try {
            opened.baseHeadId();
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
        return opened;
    }

    /**
     * Creates a new non-bare repository at {@code path} with one initial commit on {@code baseBranch} holding
     * {@code files} (path → UTF-8 content), checked out so the working tree is clean. Used to seed a demo's config
     * repository.
     */
    public static LocalGitRepository init(Path path, String baseBranch, Map<String, String> files) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(files, "files");
        checkBranchName(baseBranch, "base branch");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("an initial commit holds at least one file");
        }
        files.keySet().forEach(RepoPaths::check);
        Path absolute = path.toAbsolutePath().normalize();
        try (Git git = Git.init().setDirectory(absolute.toFile()).setInitialBranch(baseBranch).call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = absolute.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(file.getKey()).call();
            }
            PersonIdent ident = new PersonIdent(IDENT_NAME, IDENT_EMAIL);
            git.commit().setAuthor(ident).setCommitter(ident).setSign(false).setNoVerify(true)
                    .setMessage("Initial configuration\n").call();
        } catch (GitAPIException | IOException e) {
            throw new ConfigRepositoryException("cannot create a git repository at " + absolute + ": " + e.getMessage(), e);
        }
        return open(absolute, baseBranch);
    }

    @Override
    public String baseBranch() {
        return baseBranch;
    }

    @Override
    public synchronized String baseHead() {
        return baseHeadId().name();
    }

    @Override
    public synchronized Optional<RepoFile> read(String filePath) {
        RepoPaths.check(filePath);
        ObjectId head = baseHeadId();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(head);
            try (TreeWalk treeWalk = TreeWalk.forPath(repository, filePath, commit.getTree())) {
                if (treeWalk == null) {
                    return Optional.empty();
                }
                if ((treeWalk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                    throw new ConfigRepositoryException(filePath + " is not a file at " + baseBranch + " " + head.name());
                }
                byte[] bytes = repository.open(treeWalk.getObjectId(0), Constants.OBJ_BLOB).getBytes();
                return Optional.of(new RepoFile(filePath, new String(bytes, StandardCharsets.UTF_8), head.name()));
            }
        } catch (IOException e) {
            throw new ConfigRepositoryException("cannot read " + filePath + " at " + baseBranch + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized PullRequest propose(ProposedChange change) {
        Objects.requireNonNull(change, "change");
        String branch = change.branch();
        if (branch.equals(baseBranch) || branch.equals(Constants.R_HEADS + baseBranch)) {
            throw new IllegalArgumentException("refusing to write the base branch '" + baseBranch + "': a change goes on its own branch");
        }
        String refName = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(refName)) {
            throw new IllegalArgumentException("not a valid branch name: '" + branch + "'");
        }
        try {
            Optional<PullRequest> existing = existingPullRequest(branch);
            if (existing.isPresent()) {
                return existing.get();
            }
            if (repository.getRefDatabase().isNameConflicting(refName)) {
                // e.g. "meta/x" while a branch "meta" exists: git cannot hold both
                throw new ConfigRepositoryException("branch name '" + branch + "' conflicts with an existing branch");
            }
            ObjectId parent = baseHeadId();
            ObjectId commitId = writeCommit(parent, change);
            for (int attempt = 1; attempt <= REF_UPDATE_ATTEMPTS; attempt++) {
                RefUpdate update = repository.updateRef(refName);
                update.setNewObjectId(commitId);
                // expected old id "none": a branch created meanwhile by another writer fails the update instead of being overwritten
                update.setExpectedOldObjectId(ObjectId.zeroId());
                update.setRefLogIdent(ident());
                update.setRefLogMessage("meta-supervisor: propose", false);
                RefUpdate.Result result = update.update();
                switch (result) {
                    case NEW -> {
                        return new PullRequest(0, branch, change.title(), url(branch), true);
                    }
                    case LOCK_FAILURE, REJECTED -> {
                        // either the branch exists now (another writer won: answer it) or its lock file is held by a
                        // writer still creating it (try again shortly)
                        Optional<PullRequest> created = existingPullRequest(branch);
                        if (created.isPresent()) {
                            return created.get();
                        }
                        backOff(attempt);
                    }
                    default -> throw new ConfigRepositoryException("cannot create branch '" + branch + "': " + result);
                }
            }
            throw new ConfigRepositoryException("cannot create branch '" + branch + "': its ref stayed locked by another writer");
        } catch (IOException e) {
            throw new ConfigRepositoryException("cannot propose branch '" + branch + "': " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<PullRequest> openPullRequests(String branchPrefix) {
        Objects.requireNonNull(branchPrefix, "branchPrefix");
        record Open(PullRequest pullRequest, int commitTime) {
        }
        try {
            ObjectId base = baseHeadId();
            List<Open> open = new ArrayList<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS + branchPrefix)) {
                String branch = ref.getName().substring(Constants.R_HEADS.length());
                if (branch.equals(baseBranch) || ref.getObjectId() == null) {
                    continue;
                }
                try (RevWalk walk = new RevWalk(repository)) {
                    RevCommit head = walk.parseCommit(ref.getObjectId());
                    if (!walk.isMergedInto(head, walk.parseCommit(base))) {
                        open.add(new Open(new PullRequest(0, branch, head.getShortMessage(), url(branch), false), head.getCommitTime()));
                    }
                }
            }
            return open.stream()
                    .sorted(Comparator.comparingInt(Open::commitTime).thenComparing(o -> o.pullRequest().branch()))
                    .map(Open::pullRequest)
                    .toList();
        } catch (IOException e) {
            throw new ConfigRepositoryException("cannot list branches with prefix '" + branchPrefix + "': " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void comment(PullRequest pullRequest, String body) {
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(body, "body");
        if (body.isBlank()) {
            throw new IllegalArgumentException("a comment must not be blank");
        }
        try {
            Ref branch = repository.exactRef(Constants.R_HEADS + pullRequest.branch());
            if (branch == null) {
                throw new ConfigRepositoryException("no branch '" + pullRequest.branch() + "' to comment on");
            }
            for (int attempt = 1; attempt <= REF_UPDATE_ATTEMPTS; attempt++) {
                if (appendNote(branch.getObjectId(), body)) {
                    return;
                }
                backOff(attempt);
            }
            throw new ConfigRepositoryException("cannot update " + NOTES_REF + ": changed or locked by other writers " + REF_UPDATE_ATTEMPTS + " times");
        } catch (IOException e) {
            throw new ConfigRepositoryException("cannot comment on '" + pullRequest.branch() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        repository.close();
    }

    @Override
    public String toString() {
        return "LocalGitRepository[" + path + ", base " + baseBranch + "]";
    }

    /** Appends {@code body} to the note of {@code target}; false when the notes ref moved under us (then retry). */
    private boolean appendNote(ObjectId target, String body) throws IOException {
        try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectReader reader = walk.getObjectReader();
            Ref notesRef = repository.exactRef(NOTES_REF);
            RevCommit notesCommit = notesRef == null ? null : walk.parseCommit(notesRef.getObjectId());
            NoteMap notes = notesCommit == null ? NoteMap.newEmptyMap() : NoteMap.read(reader, notesCommit);
            String text = body.endsWith("\n") ? body : body + "\n";
            ObjectId previous = notes.get(target);
            if (previous != null) {
                // like `git notes append`: the earlier comments stay, separated by a blank line
                String before = new String(reader.open(previous, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
                text = (before.endsWith("\n") ? before : before + "\n") + "\n" + text;
            }
            notes.set(target, text, inserter);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(notes.writeTree(inserter));
            if (notesCommit != null) {
                commit.setParentId(notesCommit);
            }
            commit.setAuthor(ident());
            commit.setCommitter(ident());
            commit.setMessage("Notes added by Meta-Supervisor\n");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(NOTES_REF);
            update.setNewObjectId(commitId);
            update.setExpectedOldObjectId(notesCommit == null ? ObjectId.zeroId() : notesCommit);
            update.setRefLogIdent(ident());
            update.setRefLogMessage("meta-supervisor: comment", false);
            RefUpdate.Result result = update.update();
            return switch (result) {
                case NEW, FAST_FORWARD -> true;
                case LOCK_FAILURE, REJECTED -> false;
                default -> throw new ConfigRepositoryException("cannot update " + NOTES_REF + ": " + result);
            };
        }
    }

    private Optional<PullRequest> existingPullRequest(String branch) throws IOException {
        Ref ref = repository.exactRef(Constants.R_HEADS + branch);
        if (ref == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit head = walk.parseCommit(ref.getObjectId());
            return Optional.of(new PullRequest(0, branch, head.getShortMessage(), url(branch), false));
        }
    }

    /** One commit on top of {@code parent}: its tree with exactly the change's paths replaced or added. */
    private ObjectId writeCommit(ObjectId parent, ProposedChange change) throws IOException {
        try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
            RevCommit parentCommit = walk.parseCommit(parent);
            // an in-core index built from the parent's tree: the repository's own index file is never read or written
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, walk.getObjectReader(), parentCommit.getTree());
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, String> file : change.files().entrySet()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
                editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        // an executable file stays executable; anything else (new or not a file) becomes a regular file
                        if (entry.getFileMode() != FileMode.EXECUTABLE_FILE) {
                            entry.setFileMode(FileMode.REGULAR_FILE);
                        }
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(parentCommit);
            commit.setAuthor(ident());
            commit.setCommitter(ident());
            commit.setMessage(change.body().isEmpty() ? change.title() + "\n" : change.title() + "\n\n" + change.body());
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            return commitId;
        }
    }

    @Override
    public java.time.Instant commitTime(String commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(ObjectId.fromString(commit)).getCommitterIdent().getWhenAsInstant();
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigRepositoryException("cannot read commit " + commit + " in " + path + ": " + e.getMessage(), e);
        }
    }

    private ObjectId baseHeadId() {
        try {
            Ref ref = repository.exactRef(Constants.R_HEADS + baseBranch);
            if (ref == null || ref.getObjectId() == null) {
                throw new ConfigRepositoryException("the base branch '" + baseBranch + "' does not exist in " + path);
            }
            return ref.getObjectId();
        } catch (IOException e) {
            throw new ConfigRepositoryException("cannot read the base branch '" + baseBranch + "': " + e.getMessage(), e);
        }
    }

    /** A short, growing pause before retrying a ref another writer holds (1 ms, 2 ms, ... at most 20 ms). */
    private static void backOff(int attempt) {
        LockSupport.parkNanos(Duration.ofMillis(Math.min(attempt, 20)).toNanos());
        if (Thread.currentThread().isInterrupted()) {
            throw new ConfigRepositoryException("interrupted while waiting for a ref lock");
        }
    }

    private PersonIdent ident() {
        return new PersonIdent(IDENT_NAME, IDENT_EMAIL, clock.instant(), clock.getZone());
    }

    private String url(String branch) {
        return path + "#" + branch;
    }

    private static void checkBranchName(String branch, String what) {
        Objects.requireNonNull(branch, what);
        if (branch.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new IllegalArgumentException("not a valid " + what + " name: '" + branch + "'");
        }
    }

    /** The module's path rule (relative, '/'-separated, no '.' or '..'), checked before JGit sees the path. */
}
