package com.metasupervisor.streams.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Routes of the kit's security tests: one per kind of access a service grants. */
@Controller("/kit-test/access")
@Requires(property = SecuredTestController.ENABLED)
class SecuredTestController {

    static final String ENABLED = "test.access.enabled";

    @Get("/open")
    @Secured(SecurityRule.IS_ANONYMOUS)
    String open() {
        return "open";
    }

    @Post("/operator")
    @Secured(Roles.OPERATOR)
    String operator(Authentication caller) {
        return "operator " + caller.getName();
    }

    @Post("/agent")
    @Secured(Roles.AGENT)
    String agent(Authentication caller) {
        return "agent " + caller.getName();
    }

    /** No @Secured: refused like every such route. */
    @Get("/unannotated")
    String unannotated() {
        return "unannotated";
    }
}
