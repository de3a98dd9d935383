package care.anxin.simulator.scenario;

import java.util.List;
import java.util.Locale;

/** Cities the simulated community lives in or travels to, with WGS-84 centres and street names. */
public enum City {
    SHANGHAI("上海市", "Shanghai", 31.2304, 121.4737, "徐汇区", "天平路街道",
            List.of("衡山路", "天平路", "宛平路", "建国西路", "永嘉路", "岳阳路", "复兴中路", "淮海中路")),
    HANGZHOU("杭州市", "Hangzhou", 30.2741, 120.1551, "西湖区", "北山街道",
            List.of("北山路", "曙光路", "保俶路", "文三路", "西溪路", "杨公堤", "玉古路", "天目山路")),
    SANYA("三亚市", "Sanya", 18.2528, 109.5119, "吉阳区", "河东街道",
            List.of("解放路", "新风街", "河东路", "榆亚路")),
    KUNMING("昆明市", "Kunming", 25.0389, 102.7183, "五华区", "华山街道",
            List.of("翠湖南路", "青年路", "人民中路", "东风西路"));

    private final String nameZh;
    private final String nameEn;
    private final double lat;
    private final double lon;
    private final String district;
    private final String street;
    private final List<String> roads;

    City(String nameZh, String nameEn, double lat, double lon, String district, String street, List<String> roads) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.lat = lat;
        this.lon = lon;
        this.district = district;
        this.street = street;
        this.roads = roads;
    }

    public static City of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String nameZh() { return nameZh; }
    public String nameEn() { return nameEn; }
    public double lat() { return lat; }
    public double lon() { return lon; }
    public String district() { return district; }
    public String street() { return street; }
    public List<String> roads() { return roads; }
}
