package com.metasupervisor.platform;

import java.util.concurrent.CountDownLatch;

/** A stand-in service process for the fleet's tests: runs until it is stopped (SIGTERM ends it with status 143). */
public final class IdleService {

    private IdleService() {
    }

    public static void main(String[] args) throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
