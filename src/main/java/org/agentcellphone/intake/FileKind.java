package org.agentcellphone.intake;

/** What a directory entry is, from the file-type bits of its {@code lstat} mode. */
enum FileKind {
    REGULAR(0100000, "a regular file"),
    FOLDER(0040000, "a folder"),
    SYMBOLIC_LINK(0120000, "a symbolic link"),
    FIFO(0010000, "a FIFO (named pipe)"),
    SOCKET(0140000, "a socket"),
    CHARACTER_DEVICE(0020000, "a character device"),
    BLOCK_DEVICE(0060000, "a block device"),
    OTHER(-1, "a special file");

    private static final int S_IFMT = 0170000;

    private final int bits;
    private final String description;

    FileKind(int bits, String description) {
        this.bits = bits;
        this.description = description;
    }

    static FileKind of(int mode) {
        for (FileKind kind : values()) {
            if (kind.bits == (mode & S_IFMT)) {
                return kind;
            }
        }
        return OTHER;
    }

    String description() {
        return description;
    }
}
