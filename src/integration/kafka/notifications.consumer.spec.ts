import { Logger, type LoggerService } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import type pg from 'pg';
import { NotificationsConsumer } from './notifications.consumer.js';

/** Warnings the consumer logs, captured through Nest's logger. */
const warnings: string[] = [];
const capture: LoggerService = {
  log: () => undefined,
  error: () => undefined,
  warn: (message: unknown) => warnings.push(String(message)),
};

function context(value: Buffer | null, offset: string, headers: Record<string, string> = {}): KafkaContext {
  const message = { key: Buffer.from('proposal-comments-1'), value, timestamp: '0', attributes: 0, offset, headers, size: 0 };
  return new KafkaContext([message as never, 2, 'civic.governance', undefined as never, async () => undefined, undefined as never]);
}

describe('a malformed message on a topic the consumer reads', () => {
  // Malformed messages are refused before the database is reached: the consumer gets no pool.
  const consumer = new NotificationsConsumer(undefined as unknown as pg.Pool);

  beforeAll(() => Logger.overrideLogger(capture));
  afterAll(() => Logger.overrideLogger(false));
  beforeEach(() => (warnings.length = 0));

  it.each<[string, Buffer | null, Record<string, string>, RegExp]>([
    ['not JSON', Buffer.from('not json at all'), {}, /not JSON/],
    ['an empty value', null, {}, /not a JSON object/],
    ['an envelope without its fields', Buffer.from('{"id":"x"}'), { ce_id: 'x' }, /stream is missing/],
  ])('(%s) is logged with where it lies, and skipped without throwing', async (_, value, headers, problem) => {
    await expect(consumer.governance(value, context(value, '41', headers))).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('skipped malformed message civic.governance[2]@41');
    expect(warnings[0]).toMatch(problem);
  });
});
