package care.anxin.gateway;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** Paho v3 and v5 clients configured the way devices use them (client id = user name = device id). */
public final class Clients {

    private Clients() {
    }

    public static MqttConnectOptions v3Options(String user, String secret, boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setUserName(user);
        o.setPassword(secret.toCharArray());
        o.setCleanSession(clean);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(30);
        o.setAutomaticReconnect(false);
        o.setMaxInflight(1000);
        return o;
    }

    public static MqttClient v3(String uri, String clientId) throws MqttException {
        return new MqttClient(uri, clientId, new MemoryPersistence());
    }

    public static MqttClient v3Connected(String uri, Fleet.Device d, boolean clean) throws MqttException {
        MqttClient c = v3(uri, d.id());
        c.connect(v3Options(d.id(), d.secret(), clean));
        return c;
    }

    public static MqttConnectionOptions v5Options(String user, String secret) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(30);
        o.setAutomaticReconnect(false);
        return o;
    }

    public static org.eclipse.paho.mqttv5.client.MqttClient v5(String uri, String clientId)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        return new org.eclipse.paho.mqttv5.client.MqttClient(uri, clientId,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
    }

    public static org.eclipse.paho.mqttv5.client.MqttClient v5Connected(String uri, Fleet.Device d)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        var c = v5(uri, d.id());
        c.connect(v5Options(d.id(), d.secret()));
        return c;
    }

    public static void closeQuietly(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(100, 100);
            }
            c.close();
        } catch (Exception ignored) {
            // test cleanup
        }
    }

    public static void closeQuietly(org.eclipse.paho.mqttv5.client.MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(100, 100);
            }
            c.close();
        } catch (Exception ignored) {
            // test cleanup
        }
    }
}
