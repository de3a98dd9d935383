package care.anxin.gateway.bench;

import care.anxin.gateway.Clients;
import care.anxin.gateway.Fleet;
import care.anxin.gateway.Payloads;
import care.anxin.gateway.mqtt.MqttServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Quick in-process ingest benchmark (not a test): N Paho devices publish QoS 1 vitals (4 readings
 * each) at a target total rate for a while; prints sustained acknowledged msg/s and PUBACK latency
 * percentiles. Client, gateway and embedded PostgreSQL share the machine, so this is a floor.
 * Run: mvn -pl device-gateway -am test-compile, then java -cp ... IngestBenchmark [devices] [msgPerSec] [seconds]
 * (the simulator's ./anxin bench ingest is the full benchmark).
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        BenchGateway bench = BenchGateway.freshDatabase();
        List<Fleet.Device> fleetDevices = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            fleetDevices.add(bench.fleet().device("BM"));
        }
        ConfigurableApplicationContext app = bench.start();
        String uri = "tcp://127.0.0.1:" + app.getBean(MqttServer.class).port();
        List<MqttAsyncClient> clients = new ArrayList<>();
        List<IMqttToken> connecting = new ArrayList<>();
        for (Fleet.Device d : fleetDevices) {
            MqttAsyncClient c = new MqttAsyncClient(uri, d.id(), new MemoryPersistence());
            var o = Clients.v3Options(d.id(), d.secret(), true);
            o.setMaxInflight(100);
            o.setConnectionTimeout(120);
            connecting.add(c.connect(o));
            clients.add(c);
        }
        for (IMqttToken t : connecting) {
            t.waitForCompletion(180_000);
        }
        System.out.printf("%d devices connected; offering %d msg/s for %d s%n", devices, rate, seconds);
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long warmup = start + Math.min(5, seconds / 3) * 1_000_000_000L;
        long sent = 0;
        long ackedAtWarmup = -1;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (sent < due) {
                int i = (int) (sent % devices);
                Fleet.Device d = fleetDevices.get(i);
                long t0 = System.nanoTime();
                boolean measure = t0 > warmup;
                try {
                    clients.get(i).publish(Payloads.topic(d.id(), "vitals"), Payloads.vitals(d.id() + "-" + sent, 72), 1,
                            false, null, new IMqttActionListener() {
                                @Override
                                public void onSuccess(IMqttToken token) {
                                    acked.incrementAndGet();
                                    if (measure) {
                                        latencies.add(System.nanoTime() - t0);
                                    }
                                }

                                @Override
                                public void onFailure(IMqttToken token, Throwable e) {
                                }
                            });
                } catch (MqttException e) {
                    refused.incrementAndGet();
                }
                sent++;
            }
            if (ackedAtWarmup < 0 && System.nanoTime() > warmup) {
                ackedAtWarmup = acked.get();
            }
            Thread.sleep(1);
        }
        long measuredAcks = acked.get() - Math.max(0, ackedAtWarmup);
        double measuredSeconds = (end - warmup) / 1e9;
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("offered %d, acknowledged %d, refused by client window %d%n", sent, acked.get(), refused.get());
        System.out.printf("sustained %.0f msg/s (%.0f readings/s); PUBACK latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)%n",
                measuredAcks / measuredSeconds, 4 * measuredAcks / measuredSeconds, pct(l, 0.50), pct(l, 0.99),
                l.length == 0 ? 0 : l[l.length - 1] / 1e6, l.length);
        for (MqttAsyncClient c : clients) {
            c.disconnectForcibly(0, 10, false);
            c.close(true);
        }
        app.close();
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    private IngestBenchmark() {
    }
}
