package care.anxin.simulator.scenario;

import care.anxin.simulator.scenario.SimAction.SimReading;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The day of one simulated elder and their two devices, stepped in fixed ticks. Everything random
 * comes from one generator seeded by (scenario seed, elder index), so a run is a pure function of
 * the seed and the start instant.
 */
final class ElderModel {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final double LOW_BATTERY_PCT = 20;

    private final ElderProfile profile;
    private final Scenario scenario;
    private final ScenarioRates rates;
    private final SplittableRandom random;
    private final String runTag;
    private final Map<DeviceRole, Long> sequence = new EnumMap<>(DeviceRole.class);
    private final Map<DeviceRole, Instant> offlineUntil = new EnumMap<>(DeviceRole.class);
    private final Map<DeviceRole, Double> battery = new EnumMap<>(DeviceRole.class);

    private Happening episode;
    private Instant episodeStart;
    private Instant episodeEnd;
    private Instant walkingUntil = Instant.MIN;
    private Instant wearOffUntil = Instant.MIN;
    private Instant wanderUntil = Instant.MIN;
    private double wanderBearing;
    private double wanderMeters;
    private City travelCity;
    private Instant travelUntil = Instant.MIN;
    private boolean forgotCharging;
    private boolean wristbandCharging;
    private boolean handsetCharging;
    private double hrDrift;
    private double stepsSinceReading;
    private Instant nextVitals;
    private Instant nextPressure;
    private Instant nextLocation;
    private Instant nextStatus;
    private final List<PendingCancel> pendingCancels = new ArrayList<>();

    private record PendingCancel(Instant at, String refMsgId) {
    }

    ElderModel(ElderProfile profile, Scenario scenario, Instant start, String runTag) {
        this.profile = profile;
        this.scenario = scenario;
        this.rates = scenario.rates();
        this.runTag = runTag;
        this.random = new SplittableRandom(scenario.seed() * 31 + profile.index() * 7919L + 17);
        battery.put(DeviceRole.HANDSET, 55 + random.nextDouble() * 45);
        battery.put(DeviceRole.WRISTBAND, 45 + random.nextDouble() * 55);
        // Spread each stream's first report over its interval so the fleet does not publish in lockstep.
        nextVitals = start.plusMillis((long) (random.nextDouble() * scenario.vitalsIntervalSec() * 1000));
        nextPressure = start.plusMillis((long) (random.nextDouble() * scenario.bloodPressureIntervalSec() * 1000));
        nextLocation = start.plusMillis((long) (random.nextDouble() * scenario.locationIntervalSec() * 1000));
        nextStatus = start.plusMillis((long) (random.nextDouble() * scenario.statusIntervalSec() * 1000));
    }

    ElderProfile profile() {
        return profile;
    }

    /** Advances the model by one tick ending at {@code t}, appending what the devices do. */
    void step(Instant t, double dtSec, List<SimAction> out) {
        double hour = hourOfDay(t);
        boolean asleep = asleep(hour);
        hrDrift = hrDrift * 0.995 + random.nextGaussian() * 0.15; // slow AR(1) wander of the resting rate
        randomHappenings(t, dtSec, out);
        updateWalking(t, hour, asleep, dtSec);
        updateBatteries(t, hour, dtSec, out);
        updateConnectivity(t, out);
        endExpired(t, out);

        Physiology.Activity activity = new Physiology.Activity(asleep, t.isBefore(walkingUntil), hour);
        stepsSinceReading += Physiology.steps(profile.baseline(), activity, dtSec / 60.0, random.nextGaussian());
        if (!t.isBefore(nextVitals)) {
            nextVitals = nextVitals.plusSeconds(scenario.vitalsIntervalSec());
            emitVitals(t, activity, false, out);
        }
        if (!t.isBefore(nextPressure)) {
            nextPressure = nextPressure.plusSeconds(scenario.bloodPressureIntervalSec());
            emitVitals(t, activity, true, out);
        }
        if (!t.isBefore(nextLocation)) {
            boolean wandering = t.isBefore(wanderUntil);
            nextLocation = nextLocation.plusSeconds(wandering ? 60 : scenario.locationIntervalSec());
            emitLocation(t, out);
        }
        if (!t.isBefore(nextStatus)) {
            nextStatus = nextStatus.plusSeconds(scenario.statusIntervalSec());
            for (DeviceRole role : DeviceRole.values()) {
                if (online(role, t)) {
                    out.add(new SimAction.Status(t, profile.index(), role, nextMsgId(role), (int) Math.round(battery.get(role)),
                            role == DeviceRole.HANDSET || worn(t), role == DeviceRole.HANDSET ? handsetCharging : wristbandCharging));
                }
            }
        }
        for (var it = pendingCancels.iterator(); it.hasNext(); ) {
            PendingCancel cancel = it.next();
            if (!t.isBefore(cancel.at())) {
                it.remove();
                out.add(new SimAction.Event(t, profile.index(), DeviceRole.WRISTBAND, nextMsgId(DeviceRole.WRISTBAND),
                        "FALL_CANCELLED", null, null, null, null, cancel.refMsgId()));
            }
        }
    }

    /** Makes a happening occur now (scripted or drawn at random). */
    void trigger(Happening happening, Instant t, List<SimAction> out) {
        switch (happening) {
            case SOS -> {
                double[] position = position(t);
                out.add(new SimAction.Event(t, profile.index(), DeviceRole.HANDSET, nextMsgId(DeviceRole.HANDSET), "SOS",
                        round6(position[0]), round6(position[1]), (int) Math.round(battery.get(DeviceRole.HANDSET)), null, null));
            }
            case FALL, FALL_CANCELLED -> {
                double[] position = position(t);
                String msgId = nextMsgId(DeviceRole.WRISTBAND);
                out.add(new SimAction.Event(t, profile.index(), DeviceRole.WRISTBAND, msgId, "FALL",
                        round6(position[0]), round6(position[1]), null, Math.round((0.7 + random.nextDouble() * 0.28) * 100) / 100.0, null));
                if (happening == Happening.FALL_CANCELLED) {
                    pendingCancels.add(new PendingCancel(t.plusSeconds(5 + random.nextInt(15)), msgId));
                }
            }
            case TACHYCARDIA, HYPOXIA, FEVER, HYPERTENSION -> {
                episode = happening;
                episodeStart = t;
                episodeEnd = t.plus(switch (happening) {
                    case FEVER -> Duration.ofHours(6 + random.nextInt(18));
                    case HYPERTENSION -> Duration.ofMinutes(40 + random.nextInt(80));
                    default -> Duration.ofMinutes(8 + random.nextInt(25));
                });
            }
            case WANDER -> {
                wanderUntil = t.plus(Duration.ofMinutes(25 + random.nextInt(35)));
                wanderBearing = random.nextDouble() * 2 * Math.PI;
                wanderMeters = 0;
                nextLocation = t;
            }
            case OFFLINE -> {
                DeviceRole role = random.nextBoolean() ? DeviceRole.HANDSET : DeviceRole.WRISTBAND;
                if (online(role, t)) {
                    offlineUntil.put(role, t.plus(Duration.ofMinutes(3 + random.nextInt(25))));
                    out.add(new SimAction.Connectivity(t, profile.index(), role, false));
                }
            }
            case WEAR_OFF -> {
                if (worn(t)) {
                    wearOffUntil = t.plus(Duration.ofMinutes(20 + random.nextInt(70)));
                    out.add(new SimAction.Event(t, profile.index(), DeviceRole.WRISTBAND, nextMsgId(DeviceRole.WRISTBAND),
                            "WEAR_OFF", null, null, (int) Math.round(battery.get(DeviceRole.WRISTBAND)), null, null));
                }
            }
            case LOW_BATTERY -> {
                forgotCharging = true;
                battery.put(DeviceRole.WRISTBAND, LOW_BATTERY_PCT + 0.05);
            }
            case TRAVEL -> {
                if (travelCity == null) {
                    City[] destinations = {City.HANGZHOU, City.SANYA, City.KUNMING};
                    travelCity = destinations[random.nextInt(destinations.length)];
                    travelUntil = t.plus(Duration.ofDays(2 + random.nextInt(12)));
                    out.add(new SimAction.Travel(t, profile.index(), DeviceRole.HANDSET, travelCity, travelUntil));
                    nextLocation = t.plusSeconds(30);
                }
            }
        }
    }

    private void randomHappenings(Instant t, double dtSec, List<SimAction> out) {
        double perDay = scenario.acceleration() * dtSec / 86_400.0;
        if (episode == null) {
            chance(Happening.TACHYCARDIA, rates.tachycardia() * (profile.has(Conditions.ARRHYTHMIA) || profile.has(Conditions.CORONARY) ? 2 : 1), perDay, t, out);
            chance(Happening.HYPOXIA, rates.hypoxia() * (profile.has(Conditions.COPD) ? 3 : 1), perDay, t, out);
            chance(Happening.FEVER, rates.fever(), perDay, t, out);
            chance(Happening.HYPERTENSION, rates.hypertension() * (profile.has(Conditions.HYPERTENSION) ? 2 : 0.3), perDay, t, out);
        }
        chance(Happening.SOS, rates.sos(), perDay, t, out);
        if (random.nextDouble() < rates.fall() * (profile.has(Conditions.OSTEOPOROSIS) ? 1.5 : 1) * perDay) {
            trigger(random.nextDouble() < rates.fallCancelledFraction() ? Happening.FALL_CANCELLED : Happening.FALL, t, out);
        }
        if (profile.dementia() && !t.isBefore(wanderUntil) && travelCity == null) {
            chance(Happening.WANDER, rates.wander(), perDay, t, out);
        }
        chance(Happening.OFFLINE, rates.offline(), perDay, t, out);
        chance(Happening.WEAR_OFF, rates.wearOff(), perDay, t, out);
        chance(Happening.TRAVEL, rates.travel(), perDay, t, out);
    }

    private void chance(Happening happening, double ratePerDay, double perDay, Instant t, List<SimAction> out) {
        if (random.nextDouble() < ratePerDay * perDay) {
            trigger(happening, t, out);
        }
    }

    private void updateWalking(Instant t, double hour, boolean asleep, double dtSec) {
        if (asleep || t.isBefore(walkingUntil)) {
            return;
        }
        // Morning and late-afternoon walks are the most likely; a few short errands in between.
        double perHour = (hour >= 7 && hour < 9) || (hour >= 15 && hour < 17.5) ? 0.9 : 0.15;
        if (random.nextDouble() < perHour * profile.baseline().activity() * dtSec / 3600.0) {
            walkingUntil = t.plus(Duration.ofMinutes(8 + random.nextInt(35)));
        }
    }

    private void updateBatteries(Instant t, double hour, double dtSec, List<SimAction> out) {
        double hours = dtSec / 3600.0;
        // The handset sits on its dock overnight; the wristband is charged for a while after waking.
        handsetCharging = asleep(hour);
        double wake = profile.baseline().wakeHour();
        boolean chargeWindow = hour >= wake && hour < wake + 0.75;
        if (chargeWindow && !wristbandCharging) {
            forgotCharging = random.nextDouble() < rates.forgetCharging();
        }
        wristbandCharging = chargeWindow && !forgotCharging;
        for (DeviceRole role : DeviceRole.values()) {
            boolean charging = role == DeviceRole.HANDSET ? handsetCharging : wristbandCharging;
            double before = battery.get(role);
            double drain = scenario.batteryDrainPctPerHour() * (role == DeviceRole.HANDSET ? 0.6 : 1.0);
            double after = Math.max(0, Math.min(100, before + (charging ? 60 : -drain) * hours));
            battery.put(role, after);
            if (before > LOW_BATTERY_PCT && after <= LOW_BATTERY_PCT && online(role, t)) {
                out.add(new SimAction.Event(t, profile.index(), role, nextMsgId(role), "LOW_BATTERY", null, null,
                        (int) Math.round(after), null, null));
            }
            if (before > 0 && after <= 0 && online(role, t)) {
                out.add(new SimAction.Event(t, profile.index(), role, nextMsgId(role), "POWER_OFF", null, null, 0, null, null));
                offlineUntil.put(role, Instant.MAX); // back when it is charged
                out.add(new SimAction.Connectivity(t, profile.index(), role, false));
            }
            if (offlineUntil.get(role) == Instant.MAX && after > 5) {
                offlineUntil.put(role, t);
            }
        }
    }

    private void updateConnectivity(Instant t, List<SimAction> out) {
        for (DeviceRole role : DeviceRole.values()) {
            Instant until = offlineUntil.get(role);
            if (until != null && !t.isBefore(until)) {
                offlineUntil.remove(role);
                out.add(new SimAction.Connectivity(t, profile.index(), role, true));
            }
        }
    }

    private void endExpired(Instant t, List<SimAction> out) {
        if (episode != null && !t.isBefore(episodeEnd)) {
            episode = null;
        }
        if (travelCity != null && !t.isBefore(travelUntil)) {
            travelCity = null;
            out.add(new SimAction.Travel(t, profile.index(), DeviceRole.HANDSET, null, null));
            nextLocation = t.plusSeconds(30);
        }
    }

    private void emitVitals(Instant t, Physiology.Activity activity, boolean pressure, List<SimAction> out) {
        if (!online(DeviceRole.WRISTBAND, t) || !worn(t)) {
            return;
        }
        ElderProfile.Baseline base = profile.baseline();
        Physiology.EpisodeState state = episodeState(t);
        List<SimReading> readings = new ArrayList<>(4);
        if (pressure) {
            readings.add(new SimReading("SBP", Physiology.systolic(base, activity, state, random.nextGaussian())));
            readings.add(new SimReading("DBP", Physiology.diastolic(base, activity, state, random.nextGaussian())));
            readings.add(new SimReading("TEMP", Physiology.temperature(base, activity, state, random.nextGaussian())));
        } else {
            readings.add(new SimReading("HR", Physiology.heartRate(base, activity, state, hrDrift, random.nextGaussian())));
            readings.add(new SimReading("SPO2", Physiology.spo2(base, activity, state, random.nextGaussian())));
            readings.add(new SimReading("RR", Physiology.respiratoryRate(base, activity, state, random.nextGaussian())));
            readings.add(new SimReading("STEPS", Math.round(stepsSinceReading)));
            stepsSinceReading = 0;
        }
        out.add(new SimAction.Vitals(t, profile.index(), DeviceRole.WRISTBAND, nextMsgId(DeviceRole.WRISTBAND), List.copyOf(readings)));
    }

    /** The handset answering a LOCATE command: a fix now (nothing while the handset is off). */
    public List<SimAction> locateNow(Instant t) {
        List<SimAction> out = new ArrayList<>();
        emitLocation(t, out);
        return out;
    }

    private void emitLocation(Instant t, List<SimAction> out) {
        if (!online(DeviceRole.HANDSET, t)) {
            return;
        }
        double[] position = position(t);
        boolean indoors = travelCity == null && !t.isBefore(wanderUntil);
        out.add(new SimAction.Location(t, profile.index(), DeviceRole.HANDSET, nextMsgId(DeviceRole.HANDSET),
                round6(position[0]), round6(position[1]), indoors ? 25 + random.nextInt(40) : 5 + random.nextInt(15),
                indoors ? "WIFI" : "GPS"));
    }

    /** Where the elder is now: home (with GPS jitter), on a wander away from home, or in the travel city. */
    private double[] position(Instant t) {
        double baseLat = profile.homeLat();
        double baseLon = profile.homeLon();
        double north = random.nextGaussian() * 8;
        double east = random.nextGaussian() * 8;
        if (travelCity != null) {
            baseLat = travelCity.lat() + (profile.index() % 7) * 0.002;
            baseLon = travelCity.lon() + (profile.index() % 5) * 0.002;
        } else if (t.isBefore(wanderUntil)) {
            wanderMeters += 0.8 * 60; // walked since the last fix (fixes come every minute while wandering)
            north += Math.cos(wanderBearing) * wanderMeters;
            east += Math.sin(wanderBearing) * wanderMeters;
        }
        double lat = baseLat + north / 111_320.0;
        double lon = baseLon + east / (111_320.0 * Math.cos(Math.toRadians(baseLat)));
        return new double[] {lat, lon};
    }

    private Physiology.EpisodeState episodeState(Instant t) {
        if (episode == null) {
            return Physiology.EpisodeState.NONE;
        }
        double minutesIn = Duration.between(episodeStart, t).toSeconds() / 60.0;
        double minutesLeft = Duration.between(t, episodeEnd).toSeconds() / 60.0;
        double onset = episode == Happening.FEVER ? 60 : 3; // fevers build up over an hour, arrhythmias at once
        double intensity = Math.max(0, Math.min(1, Math.min(minutesIn / onset, minutesLeft / onset + 0.2)));
        return new Physiology.EpisodeState(episode, intensity);
    }

    private boolean online(DeviceRole role, Instant t) {
        Instant until = offlineUntil.get(role);
        return until == null || !t.isBefore(until);
    }

    private boolean worn(Instant t) {
        return !t.isBefore(wearOffUntil) && !wristbandCharging;
    }

    private boolean asleep(double hour) {
        return hour < profile.baseline().wakeHour() || hour >= profile.baseline().sleepHour();
    }

    private String nextMsgId(DeviceRole role) {
        long next = sequence.merge(role, 1L, Long::sum);
        return runTag + "-" + next;
    }

    static double hourOfDay(Instant t) {
        LocalTime local = LocalTime.ofInstant(t, CHINA);
        return local.toSecondOfDay() / 3600.0;
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
