package care.anxin.simulator.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the community's elders from the scenario seed: names, ages 62-95, addresses around the
 * scenario's city, chronic conditions with roughly Chinese urban prevalence, emergency contacts,
 * and personal baselines shaped by the conditions. Same seed, same community.
 */
public final class ProfileFactory {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
            "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "沈", "顾"};
    private static final String[] FEMALE_GIVEN = {"秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "淑珍", "素珍",
            "美华", "惠芳", "丽华", "月娥", "雅琴", "佩芬", "金凤", "翠华"};
    private static final String[] MALE_GIVEN = {"建国", "国强", "志明", "德华", "福生", "文彬", "建华", "永康",
            "立新", "宝林", "国华", "振东", "家豪", "伟民", "长江", "学军"};
    private static final String[] CHILD_GIVEN = {"伟", "敏", "静", "磊", "婷", "军", "洁", "涛", "燕", "强", "丽", "勇"};

    private ProfileFactory() {
    }

    public static List<ElderProfile> community(Scenario scenario, LocalDate today) {
        City city = City.of(scenario.city());
        List<ElderProfile> elders = new ArrayList<>(scenario.elders());
        for (int i = 0; i < scenario.elders(); i++) {
            elders.add(elder(scenario.seed(), i, city, today));
        }
        return elders;
    }

    static ElderProfile elder(long seed, int index, City city, LocalDate today) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        boolean female = random.nextDouble() < 0.56; // women outlive men
        String surname = pick(random, SURNAMES);
        String name = surname + pick(random, female ? FEMALE_GIVEN : MALE_GIVEN);
        // Ages skew towards the late sixties and seventies, with a tail to 95.
        int age = 62 + (int) Math.min(33, Math.abs(random.nextGaussian() * 11));
        LocalDate birth = today.minusYears(age).minusDays(1 + random.nextInt(364));

        List<String> conditions = new ArrayList<>();
        addIf(random, conditions, Conditions.HYPERTENSION, 0.55);
        addIf(random, conditions, Conditions.DIABETES, 0.25);
        addIf(random, conditions, Conditions.CORONARY, 0.15 + (age - 62) * 0.004);
        addIf(random, conditions, Conditions.DEMENTIA, 0.04 + (age - 62) * 0.006);
        addIf(random, conditions, Conditions.COPD, 0.10);
        addIf(random, conditions, Conditions.OSTEOPOROSIS, female ? 0.30 : 0.10);
        addIf(random, conditions, Conditions.ARRHYTHMIA, 0.08);

        // Homes scattered within ~3 km of the street office.
        double north = (random.nextDouble() - 0.5) * 6000;
        double east = (random.nextDouble() - 0.5) * 6000;
        double lat = city.lat() + north / 111_320.0;
        double lon = city.lon() + east / (111_320.0 * Math.cos(Math.toRadians(city.lat())));
        String road = city.roads().get(random.nextInt(city.roads().size()));
        String address = city.nameZh() + city.district() + road + (1 + random.nextInt(480)) + "弄"
                + (1 + random.nextInt(30)) + "号" + (1 + random.nextInt(6)) + "0" + (1 + random.nextInt(4)) + "室";

        List<ElderProfile.Contact> contacts = new ArrayList<>();
        boolean son = random.nextBoolean();
        contacts.add(new ElderProfile.Contact(surname + pick(random, CHILD_GIVEN), son ? "儿子" : "女儿", mobile(random)));
        if (random.nextDouble() < 0.6) {
            contacts.add(new ElderProfile.Contact(pick(random, SURNAMES) + pick(random, CHILD_GIVEN),
                    random.nextBoolean() ? "配偶" : "邻居", mobile(random)));
        }

        double hr = Math.max(60, Math.min(80, 67 + random.nextGaussian() * 4 + (conditions.contains(Conditions.CORONARY) ? 3 : 0)));
        double spo2 = conditions.contains(Conditions.COPD) ? 93 + random.nextDouble() : 96.5 + random.nextDouble() * 1.5;
        double sbp = conditions.contains(Conditions.HYPERTENSION) ? 142 + random.nextGaussian() * 5 : 124 + random.nextGaussian() * 6;
        double dbp = sbp * 0.6 + random.nextGaussian() * 3;
        double temp = 36.4 + random.nextGaussian() * 0.15;
        double rr = conditions.contains(Conditions.COPD) ? 19 + random.nextDouble() * 2 : 15 + random.nextDouble() * 2;
        double activity = Math.max(0.15, 1.0 - (age - 62) / 40.0 + random.nextGaussian() * 0.1);
        double wake = 5.5 + random.nextDouble() * 1.5;
        double sleep = 21.0 + random.nextDouble() * 1.5;
        ElderProfile.Baseline baseline = new ElderProfile.Baseline(round1(hr), round1(spo2), round1(sbp), round1(dbp),
                Math.round(temp * 100) / 100.0, round1(rr), round1(activity * 100) / 100, wake, sleep);

        double radius = conditions.contains(Conditions.DEMENTIA) ? 300 : 500;
        return new ElderProfile(index, name, female ? "F" : "M", age, birth, mobile(random), address,
                List.copyOf(conditions), lat, lon, radius, List.copyOf(contacts), baseline);
    }

    private static void addIf(SplittableRandom random, List<String> conditions, String condition, double probability) {
        if (random.nextDouble() < probability) {
            conditions.add(condition);
        }
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String mobile(SplittableRandom random) {
        String[] prefixes = {"138", "139", "135", "136", "137", "150", "151", "158", "186", "189"};
        return pick(random, prefixes) + String.format("%08d", random.nextInt(100_000_000));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
