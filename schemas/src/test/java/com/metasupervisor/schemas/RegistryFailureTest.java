package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.rest.client.models.ProblemDetails;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class RegistryFailureTest {

    @Test
    void anUnknownSchemaIdIsBadInput() {
        ProblemDetails notFound = new ProblemDetails();
        notFound.setStatus(404);
        assertThat(RegistryFailure.of(new RuntimeException(notFound))).isEqualTo(RegistryFailure.SCHEMA_NOT_FOUND);
    }

    @Test
    void anUnreachableOrFailingRegistryIsAnOutage() {
        ProblemDetails failing = new ProblemDetails();
        failing.setStatus(503);
        assertThat(RegistryFailure.of(new RuntimeException(failing))).isEqualTo(RegistryFailure.REGISTRY_UNAVAILABLE);
        assertThat(RegistryFailure.of(new RuntimeException(new ConnectException("refused"))))
                .isEqualTo(RegistryFailure.REGISTRY_UNAVAILABLE);
        assertThat(RegistryFailure.of(new IllegalStateException(new HttpTimeoutException("slow"))))
                .isEqualTo(RegistryFailure.REGISTRY_UNAVAILABLE);
    }

    @Test
    void undecodableBytesAreNotARegistryProblem() {
        assertThat(RegistryFailure.of(new RuntimeException(new EOFException()))).isEqualTo(RegistryFailure.NONE);
        assertThat(RegistryFailure.of(new IllegalArgumentException("bad"))).isEqualTo(RegistryFailure.NONE);
    }
}
