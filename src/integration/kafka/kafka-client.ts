import { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';

/** A kafkajs client for this instance; its log goes through `log` (warnings and errors only). */
export function kafkaClient(brokers: readonly string[], clientId: string, log: (message: string) => void): Kafka {
  const config: KafkaConfig = {
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => log(`${entry.namespace}: ${entry.log.message}${entry.log.error ? ` (${String(entry.log.error)})` : ''}`),
    retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
  };
  return new Kafka(config);
}

/**
 * Creates the topics that do not exist yet (brokers may refuse to create topics on first use, and
 * consumers of auto-created topics have failed in KRaft setups). Partitions: the broker's default.
 */
export async function ensureTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length === 0) return;
  try {
    await admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
  } catch (error) {
    // Another process created one of them in between: that is what we wanted.
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  }
}
