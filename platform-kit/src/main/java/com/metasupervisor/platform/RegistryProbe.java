package com.metasupervisor.platform;

import com.metasupervisor.schemas.RegistrySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a registry whether it is up and which global compatibility rule it enforces. */
public final class RegistryProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private RegistryProbe() {
    }

    public static boolean answers(RegistrySettings registry) {
        return get(registry.coreApi() + "/system/info").statusCode() == 200;
    }

    /** The body of {@code GET /apis/ccompat/v7/config}, e.g. {@code {"compatibilityLevel":"BACKWARD"}}. */
    public static String globalCompatibility(RegistrySettings registry) {
        return get(registry.confluentCompatApi() + "/config").body();
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformException("registry did not answer " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted calling " + url, e);
        }
    }
}
