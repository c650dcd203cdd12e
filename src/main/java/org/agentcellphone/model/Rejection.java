package org.agentcellphone.model;

/** A drop or entry that cannot be delivered, with the reason shown to operators. */
public record Rejection(ReasonCode code, String detail) {

    public static Rejection of(ReasonCode code, String detail) {
        return new Rejection(code, detail);
    }
}
