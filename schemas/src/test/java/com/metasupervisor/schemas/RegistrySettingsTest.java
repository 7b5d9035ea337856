package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @Test
    void derivesBothApisFromTheBaseUrl() {
        RegistrySettings registry = RegistrySettings.of("http://registry:8080/");
        assertThat(registry.url()).isEqualTo("http://registry:8080");
        assertThat(registry.coreApi()).isEqualTo("http://registry:8080/apis/registry/v3");
        assertThat(registry.confluentCompatApi()).isEqualTo("http://registry:8080/apis/ccompat/v7");
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> RegistrySettings.of("registry:8080")).hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> RegistrySettings.of("ftp://registry")).hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> RegistrySettings.of("http://bad host")).hasMessageContaining("not a URI");
    }

    @Test
    void valueSerdesWriteTheConfluentFrameAgainstTheContentId() {
        var config = RegistrySerdes.valueSerdeConfig(RegistrySettings.of("http://r:1"));
        assertThat(config).containsEntry("apicurio.registry.use-id", "contentId")
                .containsEntry("apicurio.registry.headers.enabled", false)
                .containsEntry("apicurio.registry.dereference-schema", true)
                .containsEntry("apicurio.registry.use-specific-avro-reader", true)
                .containsEntry("apicurio.registry.avro-datum-provider", IdentityCachedDatumProvider.class.getName());
    }
}
