package com.metasupervisor.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

/** The part of the reconciler's model view (its other fields are printed, not read) that decides the exit status. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record TrainingAnswer(String status) {

    static final String TRAINED = "trained";
    static final String INSUFFICIENT_ROWS = "insufficient_rows";
}
