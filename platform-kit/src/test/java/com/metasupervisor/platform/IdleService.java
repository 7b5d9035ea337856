package com.metasupervisor.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in service process for the fleet's tests: runs until it is stopped (SIGTERM ends it with status 143). With
 * system property {@value #ENVIRONMENT_FILE}, it first writes there what its environment says of the token secret and
 * the revoked tokens file.
 */
public final class IdleService {

    static final String ENVIRONMENT_FILE = "idle.environment-file";

    private IdleService() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        String report = System.getProperty(ENVIRONMENT_FILE);
        if (report != null) {
            Path temp = Path.of(report + ".tmp"); // renamed: the test never reads half of it
            Files.writeString(temp, "MS_TOKEN_SECRET_FILE=" + System.getenv("MS_TOKEN_SECRET_FILE")
                    + "\nMS_TOKEN_SECRET set=" + (System.getenv("MS_TOKEN_SECRET") != null)
                    + "\nMS_REVOKED_TOKENS_FILE=" + System.getenv("MS_REVOKED_TOKENS_FILE") + "\n");
            Files.move(temp, Path.of(report), StandardCopyOption.ATOMIC_MOVE);
        }
        new CountDownLatch(1).await();
    }
}
