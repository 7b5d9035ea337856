package com.metasupervisor.streams.query;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/** Which other instances of the service hold a key of a store, or a part of it ({@link InteractiveQueries}). */
public interface StoreHosts {

    /** The host of the active task of {@code key} in {@code store}, when it is another instance. */
    Optional<HostInfo> remoteActiveHostOf(String store, String key);

    /** The other instances that host a task of {@code store}. */
    Set<HostInfo> otherHosts(String store);
}
