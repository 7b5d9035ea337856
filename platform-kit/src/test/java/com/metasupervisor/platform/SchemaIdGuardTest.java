package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.schemas.SchemaRegistration;
import com.metasupervisor.schemas.SchemaRegistration.Compatibility;
import com.metasupervisor.schemas.SchemaRegistration.Registered;
import com.metasupervisor.schemas.SchemaRegistration.Subject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaIdGuardTest {

    private static final Schema RECORD = SchemaBuilder.record("Probe").fields().requiredString("id").endRecord();

    @Test
    void theFirstStartWritesTheIdsAndTheSameIdsPassLater(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("schema-ids.properties");
        List<Registered> first = List.of(registered("alpha.events-value", 1), registered("alpha.reconciled-value", 7));

        SchemaIdGuard.check(file, first);
        String written = Files.readString(file);
        SchemaIdGuard.check(file, first);

        assertThat(written).contains("alpha.events-value=1").contains("alpha.reconciled-value=7");
        assertThat(Files.readString(file)).isEqualTo(written);
    }

    @Test
    void anIdThatMovedIsRefusedNamingItsSubjectAndTheFileKeepsTheOldIds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("schema-ids.properties");
        SchemaIdGuard.check(file, List.of(registered("alpha.events-value", 1), registered("alpha.reconciled-value", 7)));
        String written = Files.readString(file);

        assertThatThrownBy(() -> SchemaIdGuard.check(file,
                List.of(registered("alpha.events-value", 1), registered("alpha.reconciled-value", 3),
                        registered("risk.figures-value", 9))))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("alpha.reconciled-value had id 7, now 3")
                .message().doesNotContain("alpha.events-value had");
        assertThat(Files.readString(file)).isEqualTo(written);
    }

    @Test
    void aSubjectNewToTheCatalogIsAddedWithoutTouchingTheOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("schema-ids.properties");
        SchemaIdGuard.check(file, List.of(registered("alpha.events-value", 1)));

        SchemaIdGuard.check(file, List.of(registered("alpha.events-value", 1), registered("risk.figures-value", 12)));

        assertThat(Files.readString(file)).contains("alpha.events-value=1").contains("risk.figures-value=12");
        assertThatThrownBy(() -> SchemaIdGuard.check(file, List.of(registered("risk.figures-value", 13))))
                .hasMessageContaining("risk.figures-value had id 12, now 13");
    }

    private static Registered registered(String subject, int id) {
        return new SchemaRegistration.Registered(new Subject(subject, RECORD, Compatibility.BACKWARD), id);
    }
}
