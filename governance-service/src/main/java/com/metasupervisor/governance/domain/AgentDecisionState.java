package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.time.Instant;

/**
 * What the governance remembers of one agent between evaluations (stored by the topology as {@link #toBytes}).
 *
 * @param streak             counted evaluations in a row on which the PROMOTE criteria held
 * @param lastCountedAt      when the newest counted one was; null when the streak is 0
 * @param lastLiveDecision   signature of the last emitted live decision ("" when none stands): the same decision
 *                           for an unchanged situation is not emitted again
 * @param lastDryRunDecision the same for the dry-run decisions
 */
public record AgentDecisionState(int streak, Instant lastCountedAt, String lastLiveDecision, String lastDryRunDecision) {

    static final byte VERSION = 1;
    private static final String TYPE = "AgentDecisionState";

    /** An agent seen for the first time. */
    public static final AgentDecisionState INITIAL = new AgentDecisionState(0, null, "", "");

    public AgentDecisionState {
        ArgChecker.notNegative(streak, "streak");
        ArgChecker.isTrue((streak == 0) == (lastCountedAt == null), "lastCountedAt is set exactly when streak > 0");
        ArgChecker.notNull(lastLiveDecision, "lastLiveDecision");
        ArgChecker.notNull(lastDryRunDecision, "lastDryRunDecision");
    }

    public byte[] toBytes() {
        return StateBytes.write(VERSION, 32 + lastLiveDecision.length() + lastDryRunDecision.length(), out -> {
            out.writeInt(streak);
            StateBytes.writeNullableInstant(out, lastCountedAt);
            out.writeUTF(lastLiveDecision);
            out.writeUTF(lastDryRunDecision);
        });
    }

    /** @throws IllegalArgumentException on bytes of another format version, truncated or corrupt */
    public static AgentDecisionState fromBytes(byte[] bytes) {
        return StateBytes.read(bytes, VERSION, TYPE, in -> {
            int streak = StateBytes.readCount(in, "streak");
            Instant lastCountedAt = StateBytes.readNullableInstant(in);
            String live = in.readUTF();
            String dry = in.readUTF();
            try {
                return new AgentDecisionState(streak, lastCountedAt, live, dry);
            } catch (IllegalArgumentException e) {
                throw new java.io.IOException(e.getMessage(), e);
            }
        });
    }
}
