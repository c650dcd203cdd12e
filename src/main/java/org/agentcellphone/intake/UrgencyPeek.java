package org.agentcellphone.intake;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.agentcellphone.model.Priority;

/**
 * Whether a drop looks urgent, from its first bytes, without parsing it: the value after its first "priority" (a JSON
 * field or a Markdown header, decorated or not) read as the Markdown parser reads free text. It only orders the drops
 * of one outbox — urgent-looking ones are taken first — so a wrong guess costs order, never a message: intake still
 * parses each drop, once, and its priority is what the parse says.
 */
final class UrgencyPeek {

    /** Headers come first in every drop format; a priority further in is not looked for. */
    static final int HEAD_BYTES = 4096;

    private UrgencyPeek() {
    }

    static boolean looksUrgent(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return false;
        }
        String head = new String(bytes, 0, Math.min(bytes.length, HEAD_BYTES), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        int at = head.indexOf("priority");
        if (at < 0) {
            return false;
        }
        int start = at + "priority".length();
        while (start < head.length() && "\"':*_ \t=".indexOf(head.charAt(start)) >= 0) {
            start++;
        }
        int end = start;
        while (end < head.length() && "\",}\r\n".indexOf(head.charAt(end)) < 0) {
            end++;
        }
        return Priority.fromFreeText(head.substring(start, end)) == Priority.URGENT;
    }
}
