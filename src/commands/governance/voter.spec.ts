import type { RegisteredMember } from '../members/member.state.js';
import { isInElectorate, voterFrom, type Voter } from './voter.js';

const member: RegisteredMember = {
  status: 'registered',
  memberId: 'm-1',
  handle: 'ada',
  keys: { k1: 'P1' },
  verification: { kind: 'unverified' },
  roles: ['moderator'],
};

describe('voterFrom', () => {
  it('keeps only what governance reads: id, verification and roles', () => {
    expect(voterFrom(member)).toEqual({ memberId: 'm-1', verification: { kind: 'unverified' }, roles: ['moderator'] });
  });

  it('keeps where the verification sits in the global order, not who verified', () => {
    const verified: RegisteredMember = { ...member, verification: { kind: 'verified', atPosition: 9, verifierId: 'm-2' } };
    expect(voterFrom(verified).verification).toEqual({ kind: 'verified', atPosition: 9 });
  });
});

describe('isInElectorate', () => {
  const verifiedAt = (atPosition: number): Voter => ({ memberId: 'm-1', verification: { kind: 'verified', atPosition }, roles: [] });

  it('includes members verified at or before the cut', () => {
    expect(isInElectorate(verifiedAt(9), 10)).toBe(true);
    expect(isInElectorate(verifiedAt(10), 10)).toBe(true);
  });

  it('excludes members verified after the cut, and unverified members', () => {
    expect(isInElectorate(verifiedAt(11), 10)).toBe(false);
    expect(isInElectorate({ memberId: 'm-1', verification: { kind: 'unverified' }, roles: [] }, 10)).toBe(false);
  });
});
