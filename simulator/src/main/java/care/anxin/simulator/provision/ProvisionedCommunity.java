package care.anxin.simulator.provision;

import care.anxin.simulator.scenario.DeviceRole;
import java.util.List;
import java.util.Map;

/**
 * A community as it exists on the platform: ids the scenario runner needs (elders by index,
 * device secrets by device id) and the logins to show.
 */
public record ProvisionedCommunity(
        String fleetTag,
        long centerId,
        Map<Integer, Long> elderIds,
        Map<String, String> deviceSecrets,
        List<DemoUser> users) {

    public String deviceId(DeviceRole role, int elderIndex) {
        return role.deviceId(fleetTag, elderIndex);
    }

    public static String fleetTag(String communityCode) {
        String tag = communityCode.replaceAll("[^A-Za-z0-9]", "");
        return tag.length() > 16 ? tag.substring(0, 16) : tag;
    }
}
