package com.metasupervisor.governance.sync;

import com.metasupervisor.governance.config.ConfigRepoSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a new local-git config repository starts with when governance finds none (a fresh volume, the first
 * {@code ./ms run}): a manifest without agents and SPEC §6's kill list, both commented for the person who edits them
 * next (this module's resources {@code config-repo-seed/}).
 */
public final class ConfigRepoSeed {

    private ConfigRepoSeed() {
    }

    /** The seed files at the paths {@code settings} names. */
    public static Map<String, String> files(ConfigRepoSettings settings) {
        return Map.of(settings.manifestPath(), read("manifest.yaml"), settings.killListPath(), read("kill_list.yaml"));
    }

    static String read(String name) {
        try (InputStream in = ConfigRepoSeed.class.getResourceAsStream("/config-repo-seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("config-repo-seed/" + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
