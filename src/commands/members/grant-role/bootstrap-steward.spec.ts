import { specFor } from '../../../../test/support/given-when-then.js';
import type { MemberEvent } from '../../../events/members/member-events.js';
import { NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveMember, initialMemberState } from '../member.state.js';
import type { BootstrapSteward } from './bootstrap-steward.command.js';
import { decideBootstrapSteward } from './bootstrap-steward.decide.js';

const spec = specFor({ initialState: initialMemberState, evolve: evolveMember, decide: decideBootstrapSteward });
const meta = { actor: 'system', now: new Date('2030-01-01T00:00:00.000Z'), correlationId: 'c-1' };
const bootstrap = (stewardsExist = false): BootstrapSteward => ({ memberId: 'm-1', stewardsExist, meta });
const registered: MemberEvent = { type: 'members.MemberRegistered', data: { memberId: 'm-1', handle: 'ada' } };
const stewardGranted: MemberEvent = { type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'steward', grant: { kind: 'bootstrap' } } };
const systemVerified: MemberEvent = { type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'system', evidence: { kind: 'none' } } };
const verifierGranted: MemberEvent = { type: 'members.RoleGranted', data: { memberId: 'm-1', role: 'verifier', grant: { kind: 'bootstrap' } } };

describe('BootstrapSteward', () => {
  describe('no member', () => {
    it('refuses to make a steward of a member who is not registered', () => {
      spec.given([]).when(bootstrap()).thenThrows(NotFound, 'member-not-found');
    });
  });

  describe('registered, unverified', () => {
    it('grants steward, verifies the member as the system and grants verifier', () => {
      spec.given([registered]).when(bootstrap()).then([stewardGranted, systemVerified, verifierGranted]);
    });

    it('refuses once the community has a steward', () => {
      spec.given([registered]).when(bootstrap(true)).thenThrows(RuleBroken, 'steward-exists');
    });
  });

  describe('verified', () => {
    const verifiedByPeer: MemberEvent = { type: 'members.MemberVerified', data: { memberId: 'm-1', verifierId: 'm-2', evidence: { kind: 'none' } } };

    it('keeps the existing verification', () => {
      spec.given([registered, verifiedByPeer]).when(bootstrap()).then([stewardGranted, verifierGranted]);
    });

    it('does not grant the verifier role twice', () => {
      spec.given([registered, verifiedByPeer, verifierGranted]).when(bootstrap()).then([stewardGranted]);
    });

    it('refuses once the community has a steward', () => {
      spec.given([registered, stewardGranted, systemVerified, verifierGranted]).when(bootstrap(true)).thenThrows(RuleBroken, 'steward-exists');
    });
  });
});
