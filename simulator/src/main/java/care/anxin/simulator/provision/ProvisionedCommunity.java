package care.anxin.simulator.provision;

import care.anxin.simulator.scenario.DeviceRole;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A community as it exists on the platform: ids the scenario runner needs (elders by index,
 * device secrets by device id, who wears a protocol watch) and the logins to show.
 *
 * @param watchElders indices of the elders who wear a protocol watch instead of a handset and a
 *                    wristband: both roles' actions go to their watch
 */
public record ProvisionedCommunity(
        String fleetTag,
        long centerId,
        Map<Integer, Long> elderIds,
        Map<String, String> deviceSecrets,
        List<DemoUser> users,
        Set<Integer> watchElders) {

    /** The device that plays this role for the elder: the watch for a watch wearer. */
    public String deviceId(DeviceRole role, int elderIndex) {
        return wearsWatch(elderIndex) ? watchId(fleetTag, elderIndex) : role.deviceId(fleetTag, elderIndex);
    }

    public boolean wearsWatch(int elderIndex) {
        return watchElders.contains(elderIndex);
    }

    public static String fleetTag(String communityCode) {
        String tag = communityCode.replaceAll("[^A-Za-z0-9]", "");
        return tag.length() > 16 ? tag.substring(0, 16) : tag;
    }

    /**
     * A watch's id is its ten-digit registration code, as printed on real ones: 86, four digits of
     * the community, four of the elder (the demo community: {@code 8649940004} for elder #3).
     */
    public static String watchId(String fleetTag, int elderIndex) {
        return String.format("86%04d%04d", Math.floorMod(fleetTag.hashCode(), 10_000), elderIndex + 1);
    }
}
