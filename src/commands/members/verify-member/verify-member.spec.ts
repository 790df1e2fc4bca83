import { createHash } from 'node:crypto';
import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent, Role } from '../../../events/members/member-events.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import type { VerifyMember } from './verify-member.command.js';
import { commitEvidence } from '../../../identity/evidence-commitment.js';
import { decideVerifyMember } from './verify-member.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideVerifyMember });
const meta = { actor: 'm-v', now: new Date('2030-01-01T00:00:00.000Z'), correlationId: 'c-1' };
const salt = Buffer.alloc(32, 7);
const evidence = { method: 'document' as const, description: 'passport, last digits 4711' };
const commitment = commitEvidence(salt, evidence);
const verify = (roles: Role[], verifierId = 'm-v'): VerifyMember => ({ memberId: 'm-1', verifier: { memberId: verifierId, roles }, evidence, salt, meta });
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const verified: MemberEvent = { type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-w', evidence: { kind: 'none' } } };

describe('VerifyMember', () => {
  describe('no member', () => {
    it('refuses to verify a member who is not registered', () => {
      spec.given([]).when(verify(['verifier'])).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered, unverified', () => {
    it.each([[['verifier']], [['steward']], [['moderator', 'verifier']]] as Role[][][])('lets a member with roles %p verify', (roles) => {
      spec.given([registered]).when(verify(roles)).then([
        { type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-v', evidence: { kind: 'committed', method: 'document', commitment } } },
      ]);
    });

    it.each([[[]], [['moderator', 'arbiter']]] as Role[][][])('refuses a verifier with roles %p', (roles) => {
      spec.given([registered]).when(verify(roles)).thenThrows(Forbidden, 'not-a-verifier');
    });

    it.each([
      ['evidence.method', { method: 'rumour', description: 'heard of them' }],
      ['evidence.description', { method: 'in-person', description: '' }],
      ['evidence.description', { method: 'in-person', description: 'x'.repeat(2001) }],
    ])('refuses bad evidence, naming %s', (field, bad) => {
      const command = { ...verify(['verifier']), evidence: bad as VerifyMember['evidence'] };
      spec.given([registered]).when(command).thenThrows(InvalidInput, 'invalid-input');
      expect(() => decideVerifyMember(spec.given([registered]).state, command)).toThrow(expect.objectContaining({ field }));
    });

    it('refuses self-verification, even by a steward', () => {
      spec.given([registered]).when(verify(['steward', 'verifier'], 'm-1')).thenThrows(Forbidden, 'self-verification');
    });
  });

  describe('verified', () => {
    it('refuses to verify the member again', () => {
      spec.given([registered, verified]).when(verify(['verifier'])).thenThrows(RuleBroken, 'already-verified');
    });
  });

  describe('committing to the evidence', () => {
    it('puts only the method and a salted SHA-256 of salt || canonical evidence on the log', () => {
      const [event] = decideVerifyMember(spec.given([registered]).state, verify(['verifier']));
      const expected = createHash('sha256')
        .update(Buffer.concat([salt, Buffer.from('{"description":"passport, last digits 4711","method":"document"}', 'utf8')]))
        .digest('hex');
      expect(event!.data.evidence).toEqual({ kind: 'committed', method: 'document', commitment: expected });
      expect(JSON.stringify(event)).not.toContain('passport');
    });

    it('gives another commitment for another salt, so equal evidence cannot be linked', () => {
      const other = decideVerifyMember(spec.given([registered]).state, { ...verify(['verifier']), salt: Buffer.alloc(32, 8) });
      expect(other[0]!.data.evidence).not.toEqual({ kind: 'committed', method: 'document', commitment });
    });
  });

  describe('left', () => {
    it('refuses to verify a member who left', () => {
      spec.given([registered, { type: 'members.MemberLeft', data: { memberId: 'm-1' } }]).when(verify(['verifier'])).thenThrows(RuleBroken, 'member-left');
    });
  });
});
