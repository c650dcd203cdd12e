package org.agentcellphone.intake;

import java.util.Locale;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;

/** Picks the parser for a drop by its file extension. */
public final class DropParser {

    private DropParser() {
    }

    public static Draft parse(String fileName, byte[] bytes) throws DropParseException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".json");
        if (!json && !lower.endsWith(".md") && !lower.endsWith(".txt")) {
            throw new DropParseException(Rejection.of(ReasonCode.UNSUPPORTED_FORMAT,
                    "only .json, .md and .txt drops are read"));
        }
        String text = DropText.decode(bytes);
        return json ? JsonDropParser.parse(text) : MarkdownDropParser.parse(text);
    }
}
