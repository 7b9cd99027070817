package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus's JSON forms, text for text: keys in code point order (as Go sorts UTF-8 bytes, not as
 * Java sorts UTF-16), floats with a point, datetimes as objects, positions and include files.
 */
class ConfTreeJsonTest {

    @TempDir
    Path dir;

    @Test
    void theTreeIsWrittenWithSortedKeysAndGoNumbers() throws Exception {
        ConfValue root = parse("b = 1\na = [2016-05-04T18:53:41Z, 1.0, -0.0, 1e, 3.25]\n"
                + "\"\uFFFD\" = x\n\"😀\" = y\nab = {z = true, y = off}\n\"\" = 0\n");
        assertThat(ConfTreeJson.treeToString(root)).isEqualTo("""
                {
                  "": 0,
                  "a": [
                    {
                      "$datetime": "2016-05-04T18:53:41Z"
                    },
                    1.0,
                    -0.0,
                    1000000000000000000,
                    3.25
                  ],
                  "ab": {
                    "y": false,
                    "z": true
                  },
                  "b": 1,
                  "\uFFFD": "x",
                  "😀": "y"
                }""");
    }

    @Test
    void positionsNameTheFileOfIncludedValuesAndTheVariablesUsed() throws Exception {
        Files.writeString(dir.resolve("inc.conf"), "port = 4222\n");
        Files.writeString(dir.resolve("main.conf"), "P = 1\nq = $P\ninclude inc.conf\n");
        ConfValue root = new ConfParser(Environment.of(Map.of())).parseFile(dir.resolve("main.conf").toString());
        assertThat(ConfTreeJson.positionsToString(root)).isEqualTo("""
                {
                  "type": "map",
                  "line": null,
                  "col": null,
                  "value": {
                    "P": {
                      "type": "int",
                      "line": 1,
                      "col": 0,
                      "usedVariable": true,
                      "value": 1
                    },
                    "port": {
                      "type": "int",
                      "line": 1,
                      "col": 0,
                      "file": "%s",
                      "value": 4222
                    },
                    "q": {
                      "type": "int",
                      "line": 2,
                      "col": 1,
                      "value": 1
                    }
                  }
                }""".formatted(dir.resolve("inc.conf")));
    }

    @Test
    void theStreamIsLeftOpenForTheCaller() throws Exception {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ConfTreeJson.writeTree(parse("a = 1\n"), out);
        ConfTreeJson.writePositions(parse("a = 1\n"), out);
        assertThat(closed[0]).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\n  \"a\": 1\n}{");
    }

    private static ConfValue parse(String text) throws ConfParseException {
        return new ConfParser(Environment.of(Map.of())).parse("t.conf", text.getBytes(StandardCharsets.UTF_8));
    }
}
