import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { loadConfig } from './config/config.js';
import { connectKafkaConsumer } from './integration/kafka/kafka-consumer.js';

function roleArgument(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--role');
  if (index >= 0) return argv[index + 1] ?? '';
  return argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, roleArgument(process.argv.slice(2)));
  const app = await createApp(config);
  if (await connectKafkaConsumer(app, config)) await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  new Logger('Civic Ledger').log(`roles ${config.roles.join(', ')}; web app ${url}/ · API ${url}/api · docs ${url}/docs`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
