package org.agentcellphone.agents;

/** A screen point and the file it came from. */
public record Point(int x, int y, String source) {

    @Override
    public String toString() {
        return "(" + x + ", " + y + ")";
    }
}
