import type { EventEnvelope } from '../../events/envelope.js';
import { canonicalJson } from '../../events/canonical.js';
import { domainOf, toMessage, topicOf } from './cloud-events.js';
import { byTopic } from './forwarder.projection.js';

const envelope: EventEnvelope = {
  id: '0190a8f2-0000-7000-8000-000000000001',
  stream: 'proposal-42',
  revision: 3,
  position: 17,
  type: 'governance.ProposalClosed',
  schemaVersion: 1,
  data: { proposalId: '42', result: 'passed' },
  meta: { actor: 'system', correlationId: 'c', causationId: 'c', occurredAt: '2026-04-01T09:30:00.000Z' },
};

describe('topics', () => {
  it('one per domain, from the event type prefix', () => {
    expect(domainOf('governance.VoteCast')).toBe('governance');
    expect(topicOf('contracts.ContractSigned')).toBe('civic.contracts');
    expect(topicOf('members.MemberRegistered')).toBe('civic.members');
  });

  it('an event type without a domain prefix is refused', () => {
    expect(() => topicOf('VoteCast')).toThrow(/domain prefix/);
    expect(() => topicOf('.VoteCast')).toThrow(/domain prefix/);
  });
});

describe('a message in CloudEvents binary content mode', () => {
  const message = toMessage(envelope, 'civic.example.org/ledger');

  it('goes to the domain topic, keyed by stream so that a stream stays on one partition', () => {
    expect(message.topic).toBe('civic.governance');
    expect(message.key).toBe('proposal-42');
  });

  it('carries the ce_ attributes as headers', () => {
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: envelope.id,
      ce_type: 'governance.ProposalClosed',
      ce_source: 'civic.example.org/ledger',
      ce_time: '2026-04-01T09:30:00.000Z',
      ce_subject: 'proposal-42',
      'content-type': 'application/json',
    });
  });

  it('has the envelope, canonical JSON, as its value', () => {
    expect(message.value.toString('utf8')).toBe(canonicalJson(envelope));
    expect(JSON.parse(message.value.toString('utf8'))).toEqual(envelope);
  });
});

describe('a batch for the producer', () => {
  it('is grouped by topic, each group in the batch order', () => {
    const at = (type: string, stream: string, position: number) => toMessage({ ...envelope, type, stream, position }, 'o');
    const batch = [at('governance.A', 'p-1', 0), at('members.B', 'm-1', 1), at('governance.C', 'p-1', 2), at('governance.D', 'p-2', 3)];
    const grouped = byTopic(batch);
    expect(grouped.map((g) => g.topic)).toEqual(['civic.governance', 'civic.members']);
    expect(grouped[0]!.messages.map((m) => JSON.parse(m.value.toString()).position)).toEqual([0, 2, 3]);
    expect(grouped[1]!.messages.map((m) => m.key)).toEqual(['m-1']);
  });
});
