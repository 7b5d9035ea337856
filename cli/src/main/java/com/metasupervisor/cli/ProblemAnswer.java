package com.metasupervisor.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

/** The part of a service's RFC 9457 problem+json answer a command prints when it is refused. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record ProblemAnswer(String title, String detail) {
}
