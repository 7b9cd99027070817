package io.natsguard.conf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys a config text writes, as the lexer meets them up to its end or its first error: what a
 * file that does not parse was meant to set. Keys are lower case, as the server looks them up.
 *
 * @param topLevel the keys outside every block, in order
 * @param all      every key, at any depth
 */
public record ConfKeys(List<String> topLevel, Set<String> all) {

    public static ConfKeys of(byte[] text) {
        Lexer lexer = new Lexer(text);
        List<String> topLevel = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>();
        int depth = 0;
        for (Item item = lexer.nextItem(); item.type() != Item.Type.EOF && item.type() != Item.Type.ERROR; item = lexer.nextItem()) {
            switch (item.type()) {
                case MAP_START -> depth++;
                case MAP_END -> depth--;
                case KEY -> {
                    String key = item.value().toLowerCase(Locale.ROOT);
                    all.add(key);
                    if (depth == 0) {
                        topLevel.add(key);
                    }
                }
                default -> {
                    // values, arrays and comments name no option
                }
            }
        }
        return new ConfKeys(List.copyOf(topLevel), Set.copyOf(all));
    }
}
