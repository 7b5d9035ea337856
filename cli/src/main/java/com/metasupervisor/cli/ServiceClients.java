package com.metasupervisor.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The declarative HTTP clients of one command run. A Micronaut context per run, started after picocli
 * has parsed the command line, because a service's URL is an option of the command; the other client
 * settings of each service are in {@code application.properties}.
 */
final class ServiceClients implements AutoCloseable {

    private final ApplicationContext context;

    private ServiceClients(ApplicationContext context) {
        this.context = context;
    }

    /** Clients whose {@code @Client(id = serviceId)} calls {@code url}. */
    static ServiceClients pointingAt(String serviceId, URI url) {
        return new ServiceClients(ApplicationContext.builder()
                .environments(Environment.CLI)
                .properties(Map.of("micronaut.http.services." + serviceId + ".url", url.toString()))
                .start());
    }

    <C> C client(Class<C> type) {
        return context.getBean(type);
    }

    <T> T readJson(String json, Class<T> type) throws IOException {
        return context.getBean(JsonMapper.class).readValue(json, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
