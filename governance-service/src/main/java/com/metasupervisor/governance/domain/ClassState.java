package com.metasupervisor.governance.domain;

import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;

/**
 * What the governance remembers of one strategy class (stored by the topology as {@link #toBytes}).
 *
 * @param status             its effective status
 * @param listedSinceDisable while DISABLED: the base branch's kill list has said DISABLED for it since it was
 *                           disabled (the recording PR was merged, or a person wrote it) — re-enabling needs it
 * @param lastDryRunDecision signature of the last emitted dry-run decision ("" when none stands)
 */
public record ClassState(StrategyClassStatus status, boolean listedSinceDisable, String lastDryRunDecision) {

    static final byte VERSION = 1;
    private static final String TYPE = "ClassState";

    /** A class seen for the first time. */
    public static final ClassState INITIAL = new ClassState(StrategyClassStatus.ACTIVE, false, "");

    public ClassState {
        ArgChecker.notNull(status, "status");
        ArgChecker.isTrue(status == StrategyClassStatus.DISABLED || !listedSinceDisable, "listedSinceDisable only while DISABLED");
        ArgChecker.notNull(lastDryRunDecision, "lastDryRunDecision");
    }

    public byte[] toBytes() {
        return StateBytes.write(VERSION, 8 + lastDryRunDecision.length(), out -> {
            out.writeBoolean(status == StrategyClassStatus.DISABLED);
            out.writeBoolean(listedSinceDisable);
            out.writeUTF(lastDryRunDecision);
        });
    }

    /** @throws IllegalArgumentException on bytes of another format version, truncated or corrupt */
    public static ClassState fromBytes(byte[] bytes) {
        return StateBytes.read(bytes, VERSION, TYPE, in -> {
            StrategyClassStatus status = in.readBoolean() ? StrategyClassStatus.DISABLED : StrategyClassStatus.ACTIVE;
            boolean listed = in.readBoolean();
            String dry = in.readUTF();
            try {
                return new ClassState(status, listed, dry);
            } catch (IllegalArgumentException e) {
                throw new java.io.IOException(e.getMessage(), e);
            }
        });
    }
}
