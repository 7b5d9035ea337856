package com.metasupervisor.governance.sync;

import com.metasupervisor.configrepo.files.ConfigFileException;
import com.metasupervisor.configrepo.files.ConfigFileProblem;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.ManifestEntry;
import com.metasupervisor.configrepo.files.ManifestFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of one base-branch commit of the config repository: its agents and its kill list, as parsed from
 * the files a person wrote there. Pure: no repository, no Kafka.
 *
 * @param commit            the commit id the files were read at (it becomes {@code source_commit})
 * @param commitTime        when that commit was made (it becomes {@code updated_at}: replicas publish identical records)
 * @param agents            agent name → its manifest entry, in file order
 * @param killList          the strategy classes' limits
 * @param manifestMissing   the manifest file is not in the commit (no agents)
 * @param killListDefaulted the kill-list file is not in the commit: {@link KillList#specDefaults()} stand in
 */
public record ConfigRevision(String commit, Instant commitTime, Map<String, ManifestEntry> agents, KillList killList,
                             boolean manifestMissing, boolean killListDefaulted) {

    public ConfigRevision {
        Objects.requireNonNull(commit, "commit");
        if (commit.isBlank()) {
            throw new IllegalArgumentException("commit must not be blank");
        }
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(killList, "killList");
        agents.forEach((name, entry) -> {
            if (!entry.agent().equals(name)) {
                throw new IllegalArgumentException("agent '" + name + "' maps to the entry of '" + entry.agent() + "'");
            }
        });
        if (manifestMissing && !agents.isEmpty()) {
            throw new IllegalArgumentException("a missing manifest has no agents");
        }
        if (killListDefaulted && !killList.equals(KillList.specDefaults())) {
            throw new IllegalArgumentException("a missing kill list stands for SPEC §6's defaults");
        }
        agents = Collections.unmodifiableMap(new LinkedHashMap<>(agents));
    }

    /**
     * Parses the two files of {@code commit}; an absent file is {@link Optional#empty()}.
     *
     * @throws ConfigFileException with every problem of both files (each with file, line and key)
     */
    public static ConfigRevision parse(String commit, Instant commitTime, String manifestPath, Optional<String> manifestText,
                                       String killListPath, Optional<String> killListText) {
        Objects.requireNonNull(manifestText, "manifestText");
        Objects.requireNonNull(killListText, "killListText");
        List<ConfigFileProblem> problems = new ArrayList<>();
        Map<String, ManifestEntry> agents = new LinkedHashMap<>();
        try {
            manifestText.map(text -> ManifestFile.parse(manifestPath, text))
                    .ifPresent(file -> file.agents().forEach(entry -> agents.put(entry.agent(), entry)));
        } catch (ConfigFileException e) {
            problems.addAll(e.problems());
        }
        KillList killList = null;
        try {
            killList = killListText.map(text -> KillList.parse(killListPath, text)).orElseGet(KillList::specDefaults);
        } catch (ConfigFileException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigFileException(problems);
        }
        return new ConfigRevision(commit, commitTime, agents, killList, manifestText.isEmpty(), killListText.isEmpty());
    }

    public int agentCount() {
        return agents.size();
    }

    public int classCount() {
        return killList.classes().size();
    }
}
