package com.metasupervisor.configrepo.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a new config repository starts with, commented for the person who edits it next: a manifest without agents
 * and SPEC §6's kill list ({@link KillList#specDefaults()} is this file parsed). governance-service seeds a missing
 * local-git repository with them; reporting-service starts a missing file from them in a pull request.
 */
public final class SeedFiles {

    private SeedFiles() {
    }

    /** The manifest of a fleet without agents. */
    public static String manifest() {
        return read("seed-manifest.yaml");
    }

    /** SPEC §6's kill list. */
    public static String killList() {
        return read("seed-kill_list.yaml");
    }

    /** Both, at the paths given. */
    public static Map<String, String> at(String manifestPath, String killListPath) {
        return Map.of(manifestPath, manifest(), killListPath, killList());
    }

    private static String read(String name) {
        try (InputStream in = SeedFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
