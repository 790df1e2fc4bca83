import { specFor } from '../../../../../test/support/given-when-then.js';
import type { ElectionEvent } from '../../../../events/governance/election-events.js';
import { Conflict, Forbidden, InvalidInput, RuleBroken } from '../../../shared/domain-errors.js';
import { evolveElection, initialElectionState, type ElectionState } from '../election.state.js';
import { called, closesAt, ELECTION, ELECTORATE_CUT, member, meta, nominationsCloseAt } from '../election-fixtures.js';
import type { CallElection } from './call-election.command.js';
import { decideCallElection } from './call-election.decide.js';

const spec = specFor<ElectionState, CallElection, ElectionEvent>({ initialState: initialElectionState, evolve: evolveElection, decide: decideCallElection });
const now = new Date('2030-05-01T00:00:00.000Z');
const steward = member('m-s', 1, ['steward']);
const call = (change: Partial<CallElection> = {}): CallElection => ({
  electionId: ELECTION,
  caller: steward,
  title: 'Moderators 2030',
  role: 'moderator',
  seats: 2,
  method: 'stv',
  nominationsCloseAt,
  closesAt,
  electorate: { asOfPosition: ELECTORATE_CUT, size: 10 },
  meta: meta(now, 'm-s'),
  ...change,
});

describe('CallElection', () => {
  describe('no election', () => {
    it('calls the election with its rules and the electorate fixed now', () => {
      spec.given([]).when(call()).then([called('stv', 2)]);
    });

    it('calls an election for a seat the title names (role null), by approval', () => {
      const [event] = decideCallElection(initialElectionState, call({ role: null, method: 'approval', seats: 3, title: '  Treasurer  ' }));
      expect(event!.data).toMatchObject({ role: null, method: 'approval', seats: 3, title: 'Treasurer' });
    });

    it('refuses a member who is not a steward', () => {
      spec.given([]).when(call({ caller: member('m-1') })).thenThrows(Forbidden, 'not-steward');
    });

    it.each([
      ['role', { role: 'king' }],
      ['method', { method: 'borda' }],
      ['seats', { seats: 0 }],
      ['seats', { seats: 11 }],
      ['seats', { seats: 1.5 }],
      ['seats', { method: 'irv', seats: 2 }],
      ['title', { title: '   ' }],
      ['nominationsCloseAt', { nominationsCloseAt: new Date(now.getTime() + 59_000) }],
      ['nominationsCloseAt', { nominationsCloseAt: new Date('nope') }],
      ['closesAt', { closesAt: new Date(nominationsCloseAt.getTime() + 59_000) }],
      ['closesAt', { closesAt: new Date(now.getTime() + 91 * 86_400_000) }],
    ])('refuses a bad %s', (field, change) => {
      let thrown: unknown;
      try {
        decideCallElection(initialElectionState, call(change as Partial<CallElection>));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidInput);
      expect((thrown as InvalidInput).field).toBe(field);
    });

    it('refuses an empty electorate', () => {
      spec
        .given([])
        .when(call({ electorate: { asOfPosition: 3, size: 0 } }))
        .thenThrows(RuleBroken, 'empty-electorate');
    });
  });

  describe('called', () => {
    it('refuses to call the same election twice', () => {
      spec.given([called()]).when(call()).thenThrows(Conflict, 'election-exists');
    });
  });
});
