package care.anxin.monitoring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both language bundles carry the same keys and placeholders, and every key the console uses exists. */
class I18nBundlesTest {

    private static final Path STATIC = Path.of("src/main/resources/static");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern LITERAL_KEY = Pattern.compile("\\bt\\('([A-Za-z0-9_.]+)'");
    private static final Pattern MARKUP_KEY = Pattern.compile("data-i18n(?:-attr)?=\"([^\"]+)\"");

    private static Map<String, String> bundle(String lang) throws IOException {
        try (InputStream in = I18nBundlesTest.class.getResourceAsStream("/static/i18n/" + lang + ".json")) {
            assertThat(in).as(lang + " bundle on the classpath").isNotNull();
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() { });
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void chineseAndEnglishHaveTheSameKeysAndPlaceholders() throws IOException {
        Map<String, String> zh = bundle("zh-CN");
        Map<String, String> en = bundle("en");
        assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(zh.keySet());
        assertThat(zh).hasSizeGreaterThan(300);
        zh.forEach((key, text) -> {
            assertThat(text).as(key).isNotBlank();
            assertThat(en.get(key)).as(key).isNotBlank();
            assertThat(placeholders(en.get(key))).as("placeholders of " + key).isEqualTo(placeholders(text));
        });
    }

    @Test
    void everyKeyTheConsoleUsesIsTranslated() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(STATIC)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html")).toList()) {
                String text = Files.readString(file);
                Matcher literal = LITERAL_KEY.matcher(text);
                while (literal.find()) {
                    used.add(literal.group(1));
                }
                Matcher markup = MARKUP_KEY.matcher(file.toString().endsWith(".html") ? text : "");
                while (markup.find()) {
                    Stream.of(markup.group(1).split(";")).map(pair -> pair.substring(pair.indexOf(':') + 1).trim())
                            .forEach(used::add);
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(200);
        Set<String> known = bundle("zh-CN").keySet();
        assertThat(used.stream().filter(key -> !known.contains(key)).collect(Collectors.toList())).isEmpty();
    }
}
