package io.natsguard.base;

import java.util.Locale;

/** How bad a finding is; the order is the threshold order of --fail-on. */
public enum Severity {
    INFO("note"), WARNING("warning"), ERROR("error");

    private final String sarifLevel;

    Severity(String sarifLevel) {
        this.sarifLevel = sarifLevel;
    }

    /** The name in text, JSON and policies: "error", "warning", "info". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String sarifLevel() {
        return sarifLevel;
    }

    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
