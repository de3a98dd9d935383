package care.anxin.gateway.mqtt;

/** Pipeline user events of the MQTT listener. */
enum MqttEvents {
    /** The CONNACK accepting the device is written: the CONNECT-phase handlers step aside. */
    CONNECT_ACCEPTED
}
