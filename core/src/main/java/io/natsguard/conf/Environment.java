package io.natsguard.conf;

import java.util.Map;

/** Where variables not defined in the config are looked up, as the server looks them up in its process environment. */
@FunctionalInterface
public interface Environment {

    /** The variable's value, or null when it is not set. */
    String lookup(String name);

    static Environment system() {
        return System::getenv;
    }

    static Environment of(Map<String, String> variables) {
        return variables::get;
    }
}
