package com.metasupervisor.platform.kafka;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.acl.AclBinding;

/**
 * What one Kafka principal ({@code User:<name>}) may do: its ACL bindings, each allowing one operation on one
 * resource (a topic, a group or a transactional id, by literal name or by prefix).
 *
 * @param name     the principal's user name (a catalog service or party, or {@code schema-registry})
 * @param bindings its bindings, in the order they were derived, without duplicates; all of them for this principal
 */
public record PrincipalAccess(String name, List<AclBinding> bindings) {

    public PrincipalAccess {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a principal's name must not be blank");
        }
        bindings = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(bindings, "bindings")));
        String principal = KafkaAccessControl.principalOf(name);
        for (AclBinding binding : bindings) {
            if (!binding.entry().principal().equals(principal)) {
                throw new IllegalArgumentException("a binding of " + principal + " names " + binding.entry().principal());
            }
        }
    }

    /** {@code User:<name>}, as Kafka's authorizer and ACLs name it. */
    public String principal() {
        return KafkaAccessControl.principalOf(name);
    }
}
