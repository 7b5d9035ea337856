package com.metasupervisor.schemas;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Apicurio Avro serdes in the Confluent wire format: magic byte 0, a 4-byte schema id, then Avro
 * binary, with no schema headers. Agents using Confluent clients read and write the same bytes
 * through the registry's {@code /apis/ccompat/v7}.
 */
public final class RegistrySerdes {

    private RegistrySerdes() {
    }

    /** The client configuration both halves of a value serde share. */
    public static Map<String, Object> valueSerdeConfig(RegistrySettings registry) {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaResolverConfig.REGISTRY_URL, registry.url());
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, registry.autoRegister());
        // register each schema whole (shared enums inlined), not as references to other artifacts:
        // a Confluent client resolving the id gets one self-contained schema
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        // the id in the frame is the content id: the id /apis/ccompat/v7/schemas/ids/{id} resolves
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(SerdeConfig.ID_HANDLER, "io.apicurio.registry.serde.Default4ByteIdHandler");
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, IdentityCachedDatumProvider.class.getName());
        return config;
    }

    public static <V extends SpecificRecord> Serde<V> valueSerde(RegistrySettings registry) {
        AvroSerde<V> serde = new AvroSerde<>();
        serde.configure(valueSerdeConfig(registry), false);
        return serde;
    }
}
