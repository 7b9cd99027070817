package io.natsguard.conf;

/**
 * One lexer item, as nats-server's {@code conf/lex.go} emits it.
 *
 * @param type   what the item is
 * @param value  its text (escapes processed; for a variable, the name without {@code $})
 * @param line   the server's line: 1-based, counting {@code \n} only
 * @param pos    the server's column: a byte offset, 0-based on line 1 and 1-based after
 * @param offset where the item really starts in the input (byte offset), for human positions
 */
record Item(Type type, String value, int line, int pos, int offset) {

    enum Type {
        ERROR, EOF, KEY, TEXT, STRING, BOOL, INTEGER, FLOAT, DATETIME,
        ARRAY_START, ARRAY_END, MAP_START, MAP_END, COMMENT_START, VARIABLE, INCLUDE
    }
}
