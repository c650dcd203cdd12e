package org.agentcellphone.cli;

/** Small text helpers for the commands' tables. */
final class Text {

    private Text() {
    }

    static String clip(String text, int max) {
        if (text == null) {
            return "-";
        }
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    static String age(long seconds) {
        if (seconds < 3600) {
            return (seconds / 60) + " min ago";
        }
        return seconds < 172_800 ? (seconds / 3600) + " h ago" : (seconds / 86_400) + " d ago";
    }
}
