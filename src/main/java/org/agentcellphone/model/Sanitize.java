package org.agentcellphone.model;

/** Makes untrusted text safe to show in a reason detail or to use inside a file name. */
public final class Sanitize {

    private Sanitize() {
    }

    /** Control characters escaped, length capped: safe in a log line or a reason file. */
    public static String forDetail(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 80; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > 80 ? out + "…" : out.toString();
    }

    /** Letters, digits and '-' only (anything else becomes '-'), at most {@code max} characters, never empty. */
    public static String forFileName(String text, int max) {
        StringBuilder out = new StringBuilder();
        if (text != null) {
            for (int i = 0; i < text.length() && out.length() < max; i++) {
                char c = text.charAt(i);
                boolean safe = c < 128 && (Character.isLetterOrDigit(c) || c == '-');
                if (safe) {
                    out.append(c);
                } else if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                    out.append('-');
                }
            }
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '-') {
            out.setLength(out.length() - 1);
        }
        return out.length() == 0 ? "unknown" : out.toString();
    }
}
