import {
  ALL_EVENT_TYPES,
  EVENT_TYPES,
  UnknownEventTypeError,
  UnsupportedSchemaVersionError,
  createEventRegistry,
  schemaVersionOf,
  upcast,
  upcastEvent,
  validateEvent,
  type EventSchema,
} from './registry.js';

describe('the event registry of this build', () => {
  it('lists every event type, grouped by domain', () => {
    expect(ALL_EVENT_TYPES).toEqual({
      members: [
        'members.MemberRegistered',
        'members.KeyRegistered',
        'members.MemberVerified',
        'members.RoleGranted',
        'members.RoleRevoked',
        'members.KeyRotated',
        'members.MemberSuspended',
        'members.MemberSuspensionLifted',
        'members.MemberLeft',
      ],
      governance: [
        'governance.ProposalDrafted',
        'governance.ProposalRevised',
        'governance.ProposalSubmitted',
        'governance.ProposalWithdrawn',
        'governance.ProposalCancelled',
        'governance.ProposalOpened',
        'governance.VoteCast',
        'governance.ProposalClosed',
        'governance.CommentPosted',
        'governance.CommentRetracted',
        'governance.ElectionCalled',
        'governance.CandidacyDeclared',
        'governance.CandidacyWithdrawn',
        'governance.BallotCast',
        'governance.ElectionClosed',
        'governance.VoteDelegated',
        'governance.DelegationRevoked',
      ],
      records: ['records.TransactionRecorded', 'records.TransactionConfirmed', 'records.TransactionDisputed'],
      contracts: [
        'contracts.TemplateVersionPublished',
        'contracts.ContractDrafted',
        'contracts.ContractSigned',
        'contracts.ContractExecuted',
        'contracts.ContractTerminationSigned',
        'contracts.ContractTerminated',
        'contracts.ContractDisputed',
      ],
      moderation: ['moderation.ContentReported', 'moderation.ActionTaken', 'moderation.ActionAppealed', 'moderation.AppealDecided'],
      arbitration: ['arbitration.CaseOpened', 'arbitration.ArbiterAssigned', 'arbitration.StatementSubmitted', 'arbitration.CaseDecided'],
    });
    expect(EVENT_TYPES).toEqual([...ALL_EVENT_TYPES.members, ...ALL_EVENT_TYPES.governance, ...ALL_EVENT_TYPES.records, ...ALL_EVENT_TYPES.contracts, ...ALL_EVENT_TYPES.moderation, ...ALL_EVENT_TYPES.arbitration]);
    for (const [domain, types] of Object.entries(ALL_EVENT_TYPES)) {
      for (const type of types) expect(type.startsWith(`${domain}.`)).toBe(true);
    }
  });

  // Types whose schema changed since their first version; every other type is at version 1.
  const BUMPED: Readonly<Record<string, number>> = {
    'members.MemberVerified': 2,
    // 2: motion and topic on drafts and revisions; direct and delegated weight on the close.
    'governance.ProposalDrafted': 2,
    'governance.ProposalRevised': 2,
    'governance.ProposalClosed': 2,
  };
  it.each(EVENT_TYPES)('%s is at its schema version', (type) => {
    expect(schemaVersionOf(type)).toBe(BUMPED[type] ?? 1);
  });

  it('does not know unknown types', () => {
    expect(() => schemaVersionOf('governance.CoupStaged')).toThrow(UnknownEventTypeError);
    expect(validateEvent('governance.CoupStaged', {})).toEqual(['type: unknown event type governance.CoupStaged']);
    expect(() => upcastEvent({ type: 'governance.CoupStaged', schemaVersion: 1, data: {} })).toThrow(UnknownEventTypeError);
  });

  it('validates with the schema of the type', () => {
    expect(validateEvent('members.MemberVerified', { memberId: 'm-1', verifierId: 'm-2', evidence: { kind: 'none' } })).toEqual([]);
    expect(validateEvent('members.MemberVerified', { memberId: 'm-1' })).toContain('verifierId: missing');
  });

  it('returns a current event unchanged', () => {
    const event = { id: 'e-1', type: 'governance.VoteCast', schemaVersion: 1, data: { proposalId: 'p' } };
    expect(upcastEvent(event)).toBe(event);
    expect(upcast('governance.VoteCast', 1, event.data)).toBe(event.data);
  });

  it('refuses a version newer than this build knows', () => {
    expect(() => upcastEvent({ type: 'governance.VoteCast', schemaVersion: 2, data: {} })).toThrow(UnsupportedSchemaVersionError);
    expect(() => upcast('governance.VoteCast', 0, {})).toThrow(UnsupportedSchemaVersionError);
  });
});

describe('upcasting through a chain of versions', () => {
  // A synthetic type at version 3: v1 had `name`, v2 split it into `given` and `family`, v3 added `tags`.
  const thing: EventSchema = {
    schemaVersion: 3,
    validate: (data) => (typeof (data as { tags?: unknown }).tags === 'object' ? [] : ['tags: missing']),
    upcasters: {
      1: (data) => {
        const { name, ...rest } = data as { name: string };
        const [given, family] = name.split(' ');
        return { ...rest, given, family };
      },
      2: (data) => ({ ...(data as object), tags: [] }),
    },
  };
  const registry = createEventRegistry({ 'test.ThingHappened': thing, 'test.Plain': { schemaVersion: 1, validate: () => [] } });

  it('knows the current version', () => {
    expect(registry.types).toEqual(['test.ThingHappened', 'test.Plain']);
    expect(registry.schemaVersionOf('test.ThingHappened')).toBe(3);
  });

  it('upcasts version 1 through 2 to 3', () => {
    const stored = { id: 'e-1', stream: 's', type: 'test.ThingHappened', schemaVersion: 1, data: { id: 7, name: 'Ada Lovelace' } };
    const read = registry.upcastEvent(stored);
    expect(read).toEqual({ ...stored, schemaVersion: 3, data: { id: 7, given: 'Ada', family: 'Lovelace', tags: [] } });
    expect(registry.validate(read.type, read.data)).toEqual([]);
    // The stored envelope is never rewritten.
    expect(stored).toEqual({ id: 'e-1', stream: 's', type: 'test.ThingHappened', schemaVersion: 1, data: { id: 7, name: 'Ada Lovelace' } });
  });

  it('upcasts version 2 with the last step only', () => {
    expect(registry.upcast('test.ThingHappened', 2, { given: 'Ada', family: 'L' })).toEqual({ given: 'Ada', family: 'L', tags: [] });
  });

  it('refuses a schema whose chain of upcasters has a gap', () => {
    expect(() => createEventRegistry({ 'test.Gap': { ...thing, upcasters: { 2: thing.upcasters![2] } } })).toThrow(
      'event type test.Gap: no upcaster from version 1',
    );
    expect(() => createEventRegistry({ 'test.Zero': { schemaVersion: 0, validate: () => [] } })).toThrow(/positive integer/);
  });
});
