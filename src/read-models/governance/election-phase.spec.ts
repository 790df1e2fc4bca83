import { electionPhase } from './election-phase.js';

const called = { status: 'called' as const, nominationsCloseAt: '2027-01-01T10:00:00.000Z', closesAt: '2027-01-01T12:00:00.000Z' };

describe('electionPhase', () => {
  describe('a called election', () => {
    it('takes nominations until they close', () => {
      expect(electionPhase(called, new Date('2027-01-01T09:59:59.999Z'))).toBe('nominations');
    });
    it('takes ballots from the close of nominations until the close of voting', () => {
      expect(electionPhase(called, new Date('2027-01-01T10:00:00.000Z'))).toBe('voting');
      expect(electionPhase(called, new Date('2027-01-01T11:59:59.999Z'))).toBe('voting');
    });
    it('waits for the count once voting time is up', () => {
      expect(electionPhase(called, new Date('2027-01-01T12:00:00.000Z'))).toBe('counting');
    });
  });

  describe('a closed election', () => {
    it('is closed whatever the time', () => {
      expect(electionPhase({ ...called, status: 'closed' }, new Date('2027-01-01T09:00:00.000Z'))).toBe('closed');
    });
  });
});
