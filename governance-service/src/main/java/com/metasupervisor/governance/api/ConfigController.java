package com.metasupervisor.governance.api;

import com.metasupervisor.governance.api.GovernanceViews.ConfigView;
import com.metasupervisor.governance.sync.ConfigSyncStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code GET /config}: the config repository as this instance's manifest sync sees it (every instance reads the base
 * branch itself, so nothing is forwarded): the revision in force, what was last published, why the newest head was
 * refused (file, line, key), the last publish failure. Answers from memory: no I/O, no streams, never 503.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class ConfigController {

    private final ConfigSyncStatus status;

    ConfigController(ConfigSyncStatus status) {
        this.status = status;
    }

    @Get("/config")
    public ConfigView config() {
        return ConfigView.of(status.state());
    }
}
