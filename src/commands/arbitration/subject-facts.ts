import { Inject, Injectable } from '@nestjs/common';
import type { CaseSubject } from '../../events/arbitration/arbitration-events.js';
import { contractStream, type ContractEvent } from '../../events/contracts/contract-events.js';
import type { EventEnvelope } from '../../events/envelope.js';
import { transactionStream, type RecordEvent } from '../../events/records/record-events.js';
import { upcastEvent } from '../../events/registry.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';

export type Dispute = { kind: 'none' } | { kind: 'disputed'; disputedBy: string; reason: string };

/** What arbitration needs from the disputed record's own stream: who the parties are and whether it is disputed. */
export type SubjectFacts = { kind: 'missing' } | { kind: 'found'; parties: string[]; dispute: Dispute };

/** Folds a transaction's stream (records domain) down to what arbitration reads. */
export function transactionFacts(events: readonly RecordEvent[]): SubjectFacts {
  let facts = { kind: 'missing' } as SubjectFacts;
  for (const event of events) {
    if (event.type === 'records.TransactionRecorded') facts = { kind: 'found', parties: [event.data.payerId, event.data.payeeId], dispute: { kind: 'none' } };
    else if (event.type === 'records.TransactionDisputed' && facts.kind === 'found') {
      facts = { kind: 'found', parties: facts.parties, dispute: { kind: 'disputed', disputedBy: event.data.disputedBy, reason: event.data.reason } };
    }
  }
  return facts;
}

/** Folds a contract's stream (contracts domain) down to what arbitration reads. */
export function contractFacts(events: readonly ContractEvent[]): SubjectFacts {
  let facts = { kind: 'missing' } as SubjectFacts;
  for (const event of events) {
    if (event.type === 'contracts.ContractDrafted') facts = { kind: 'found', parties: event.data.parties.map((p) => p.memberId), dispute: { kind: 'none' } };
    else if (event.type === 'contracts.ContractDisputed' && facts.kind === 'found') {
      facts = { kind: 'found', parties: facts.parties, dispute: { kind: 'disputed', disputedBy: event.data.disputedBy, reason: event.data.reason } };
    }
  }
  return facts;
}

@Injectable()
export class SubjectFactsReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(subject: CaseSubject): Promise<SubjectFacts> {
    const stream = subject.kind === 'transaction' ? transactionStream(subject.id) : contractStream(subject.id);
    const events = (await this.store.readStream(stream)).map((e: EventEnvelope) => upcastEvent(e));
    return subject.kind === 'transaction' ? transactionFacts(events as unknown as RecordEvent[]) : contractFacts(events as unknown as ContractEvent[]);
  }
}
