package care.anxin.simulator.provision;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * What provisioning created, kept in var/simulator/fleet.json so a restarted demo reuses the same
 * community: organization ids by code, user ids, elder ids by index, device secrets (shown once by
 * the API, so this file is the only place they live), webhook endpoint ids and their signing
 * secrets (also shown once), and which one-off steps are done.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FleetFile(
        String communityCode,
        Map<String, Long> organizations,
        Map<String, Long> users,
        Map<Integer, Long> elders,
        Map<String, String> deviceSecrets,
        Map<String, Boolean> done,
        Map<String, Long> endpoints,
        Map<String, String> endpointSecrets) {

    public static FleetFile empty(String communityCode) {
        return new FleetFile(communityCode, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>());
    }

    public static FleetFile load(Path file, String communityCode, ObjectMapper json) {
        if (!Files.exists(file)) {
            return empty(communityCode);
        }
        try {
            FleetFile read = json.readValue(file.toFile(), FleetFile.class);
            if (!communityCode.equals(read.communityCode())) {
                return empty(communityCode); // another scenario's community: start a new one
            }
            return new FleetFile(communityCode, new TreeMap<>(nn(read.organizations())), new TreeMap<>(nn(read.users())),
                    new TreeMap<>(nn(read.elders())), new TreeMap<>(nn(read.deviceSecrets())), new TreeMap<>(nn(read.done())),
                    new TreeMap<>(nn(read.endpoints())), new TreeMap<>(nn(read.endpointSecrets())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (delete it to provision afresh)", e);
        }
    }

    /** Writes atomically (temp file + move) so a crash never leaves half a file of secrets. */
    public void save(Path file, ObjectMapper json) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(temp.toFile(), this);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public boolean isDone(String step) {
        return Boolean.TRUE.equals(done.get(step));
    }

    private static <K, V> Map<K, V> nn(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
