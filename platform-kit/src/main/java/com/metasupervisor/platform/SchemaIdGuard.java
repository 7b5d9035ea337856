package com.metasupervisor.platform;

import com.metasupervisor.schemas.SchemaRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Holds the registry to the schema ids it gave at the first start ({@code schema-ids.properties}, subject=id): the
 * records already on the topics carry those ids in their Confluent frames, so an id that moved (a registry that lost
 * its storage) would make them name another schema or none. A subject seen for the first time is added.
 */
public final class SchemaIdGuard {

    private SchemaIdGuard() {
    }

    /**
     * Writes {@code subject=id} for every subject not yet in {@code file}, after checking the others.
     *
     * @throws PlatformException naming every subject whose id moved (and the file is left as it was)
     */
    public static void check(Path file, List<SchemaRegistration.Registered> registered) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(registered, "registered");
        Properties known = PropertiesFile.load(file);
        List<String> moved = new ArrayList<>();
        boolean added = false;
        for (SchemaRegistration.Registered r : registered) {
            String subject = r.subject().name();
            String id = Integer.toString(r.id());
            String before = known.getProperty(subject);
            if (before == null) {
                known.setProperty(subject, id);
                added = true;
            } else if (!before.trim().equals(id)) {
                moved.add(subject + " had id " + before.trim() + ", now " + id);
            }
        }
        if (!moved.isEmpty()) {
            throw new PlatformException("the registry gave other schema ids than at the first start (" + file + "): "
                    + String.join("; ", moved) + ". Records already on the topics name the old ids: the registry's storage"
                    + " (its journal topic on the broker) was lost or replaced");
        }
        if (added) {
            PropertiesFile.store(file, known, "schema ids the registry gave at the first start: subject=id (checked on every start)");
        }
    }
}
