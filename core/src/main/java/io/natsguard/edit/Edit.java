package io.natsguard.edit;

/**
 * One change to a file's text: the characters from {@code start} to {@code end} (exclusive)
 * become {@code replacement}; {@code rule} and {@code why} say what it fixes.
 */
public record Edit(String file, int start, int end, String replacement, String rule, String why) {

    /** Whether both change the same characters (or insert at the same place): only one of them can be made. */
    public boolean overlaps(Edit other) {
        return file.equals(other.file) && start < other.end && other.start < end
                || file.equals(other.file) && start == end && other.start == other.end && start == other.start;
    }
}
