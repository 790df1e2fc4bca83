import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one JVM) for the
 * integration tests, run from the Maven Central artifacts listed in `../broker/pom.xml` with the
 * machine's Java 17. Used when KAFKA_BROKERS is not set.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const POM = join(HERE, '..', 'broker', 'pom.xml');
const REPOSITORY_ROOT = join(HERE, '..', '..', '..');
/** Where Maven copies the broker's jars; Maven itself caches them in ~/.m2. */
export const KAFKA_LIB = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'kafka-test-broker', 'lib');
const WAIT_MS = 90_000;

/** Copies the broker's runtime jars once (offline-fast when ~/.m2 holds them). */
export function fetchBrokerJars(): string {
  if (existsSync(KAFKA_LIB) && readdirSync(KAFKA_LIB).some((f) => f.startsWith('kafka_2.13-'))) return KAFKA_LIB;
  mkdirSync(KAFKA_LIB, { recursive: true });
  const result = spawnSync('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${KAFKA_LIB}`, '-DincludeScope=runtime'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`mvn could not fetch the Kafka broker's jars (exit ${result.status ?? result.signal})`);
  return KAFKA_LIB;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class KafkaTestBroker {
  private process: ChildProcess | undefined;
  private exited: Promise<void> | undefined;

  private constructor(
    private readonly folder: string,
    readonly port: number,
    private readonly lib: string,
  ) {}

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** Formats a fresh log folder and starts the broker; resolves once it accepts connections. */
  static async start(): Promise<KafkaTestBroker> {
    const lib = fetchBrokerJars();
    const folder = mkdtempSync(join(tmpdir(), 'civic-kafka-'));
    const [port, controllerPort] = [await freePort(), await freePort()];
    const properties = [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${join(folder, 'logs')}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
    ];
    writeFileSync(join(folder, 'server.properties'), properties.join('\n') + '\n');
    writeFileSync(
      join(folder, 'log4j.properties'),
      ['log4j.rootLogger=WARN, stdout', 'log4j.appender.stdout=org.apache.log4j.ConsoleAppender', 'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout', 'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n'].join('\n') + '\n',
    );
    const classpath = join(lib, '*');
    const format = spawnSync('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', 'lnKEGdGvRhOvC5qicun8vw', '-c', join(folder, 'server.properties')], { encoding: 'utf8' });
    if (format.status !== 0) throw new Error(`kafka storage format failed: ${format.stderr || format.stdout}`);
    const broker = new KafkaTestBroker(folder, port, lib);
    await broker.resume();
    return broker;
  }

  /** Starts the broker again on the same folder and port (after `pause`). */
  async resume(): Promise<void> {
    if (this.process) return;
    const log = createWriteStream(join(this.folder, 'broker.log'), { flags: 'a' });
    const child = spawn(
      'java',
      ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', `-Dlog4j.configuration=file:${join(this.folder, 'log4j.properties')}`, '-cp', join(this.lib, '*'), 'kafka.Kafka', join(this.folder, 'server.properties')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + WAIT_MS;
    let gone = false;
    void this.exited.then(() => (gone = true));
    while (!(await accepts(this.port))) {
      if (gone) throw new Error(`the Kafka broker exited while starting; see ${join(this.folder, 'broker.log')}`);
      if (Date.now() > deadline) throw new Error(`the Kafka broker did not accept connections on ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops the broker (controlled shutdown) and keeps its data, to `resume` later. */
  async pause(): Promise<void> {
    const child = this.process;
    if (!child) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(killer);
    this.process = undefined;
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
