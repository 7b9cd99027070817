package io.natsguard.base;

/**
 * A place in a file as people count it: 1-based line, 1-based column (in characters).
 *
 * @param file   the file's path as natsguard names it
 * @param line   1-based line
 * @param column 1-based column
 */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
