import { ConfigError, kafkaBrokers, parseRoles } from '../../config/config.js';
import { consumesKafka } from './kafka-consumer.js';
import { forwardsToKafka } from './kafka-forwarder.service.js';

describe('KAFKA_BROKERS', () => {
  it('unset or blank leaves Kafka off', () => {
    expect(kafkaBrokers(undefined)).toBeUndefined();
    expect(kafkaBrokers('  ')).toBeUndefined();
  });

  it('is a comma-separated list of host:port', () => {
    expect(kafkaBrokers('kafka-0:9092, kafka-1:9092')).toEqual(['kafka-0:9092', 'kafka-1:9092']);
  });

  it.each(['kafka', 'kafka:', 'kafka:port', 'a:1,,b:2', 'http://kafka:9092'])('refuses %s naming the variable', (raw) => {
    expect(() => kafkaBrokers(raw)).toThrow(ConfigError);
    expect(() => kafkaBrokers(raw)).toThrow(/KAFKA_BROKERS/);
  });
});

describe('which processes talk to Kafka', () => {
  const brokers = ['kafka:9092'];
  const all = parseRoles(undefined);

  it('none without KAFKA_BROKERS, whatever the roles (npm start stays off Kafka by default)', () => {
    expect(forwardsToKafka({ roles: all, kafkaBrokers: undefined })).toBe(false);
    expect(consumesKafka({ roles: all, kafkaBrokers: undefined })).toBe(false);
  });

  it('with KAFKA_BROKERS, the forwarder role forwards and the projector role consumes', () => {
    expect(forwardsToKafka({ roles: all, kafkaBrokers: brokers })).toBe(true);
    expect(consumesKafka({ roles: all, kafkaBrokers: brokers })).toBe(true);
    expect(forwardsToKafka({ roles: parseRoles('forwarder'), kafkaBrokers: brokers })).toBe(true);
    expect(consumesKafka({ roles: parseRoles('forwarder'), kafkaBrokers: brokers })).toBe(false);
    expect(forwardsToKafka({ roles: parseRoles('api,projector'), kafkaBrokers: brokers })).toBe(false);
    expect(consumesKafka({ roles: parseRoles('api,projector'), kafkaBrokers: brokers })).toBe(true);
  });
});
