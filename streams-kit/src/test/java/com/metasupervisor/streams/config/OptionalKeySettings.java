package com.metasupervisor.streams.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A settings record with a key that is off unless set (an optional file to write), for the kit's tests.
 *
 * @param exportFile written when set
 * @param rows       a key with a default beside it
 */
@ConfigurationProperties("optional-key")
public record OptionalKeySettings(Optional<Path> exportFile, @Bindable(defaultValue = "3") int rows) {
}
