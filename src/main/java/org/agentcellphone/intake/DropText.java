package org.agentcellphone.intake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;

/** Turns drop bytes into text: strict UTF-8, a BOM dropped, CRLF and CR line ends made LF. */
final class DropText {

    private DropText() {
    }

    static String decode(byte[] bytes) throws DropParseException {
        if (bytes.length == 0) {
            throw new DropParseException(Rejection.of(ReasonCode.MALFORMED, "the file is empty"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DropParseException(Rejection.of(ReasonCode.MALFORMED, "the file is not valid UTF-8 text"));
        }
        if (text.indexOf('\0') >= 0) {
            throw new DropParseException(Rejection.of(ReasonCode.MALFORMED, "the file holds NUL bytes (binary data)"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new DropParseException(Rejection.of(ReasonCode.MALFORMED, "the file holds only whitespace"));
        }
        return text.indexOf('\r') >= 0 ? text.replace("\r\n", "\n").replace('\r', '\n') : text;
    }
}
