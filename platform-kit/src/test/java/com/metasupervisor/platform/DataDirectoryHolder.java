package com.metasupervisor.platform;

import java.nio.file.Path;

/** A child JVM for {@link DataDirectoryTest}: claims the directory in args[0], says so, then holds it until killed. */
public final class DataDirectoryHolder {

    private DataDirectoryHolder() {
    }

    public static void main(String[] args) throws Exception {
        DataDirectory data = DataDirectory.claim(Path.of(args[0]));
        System.out.println("claimed " + data.dir());
        System.out.flush();
        // holds the lock until its stdin closes or it is killed
        while (System.in.read() >= 0) {
            continue;
        }
        data.close();
    }
}
