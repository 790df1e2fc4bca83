import { ELECTION_METHODS, type ElectionCalled, type ElectionMethod } from '../../../../events/governance/election-events.js';
import { MAX_SEATS } from '../../../../events/governance/election-schemas.js';
import { ROLES, type Role } from '../../../../events/members/member-events.js';
import { Conflict, Forbidden, InvalidInput, RuleBroken } from '../../../shared/domain-errors.js';
import { validTitle } from '../../draft-proposal/draft-proposal.decide.js';
import type { ElectionState } from '../election.state.js';
import type { CallElection } from './call-election.command.js';

/** Long enough for members to notice the call and stand. */
export const MIN_NOMINATION_SECONDS = 60;
/** Long enough for the electorate to vote once nominations close. */
export const MIN_VOTING_SECONDS = 60;
/** The electorate is cut at the call: the whole election must stay short enough for that to be fair. */
export const MAX_ELECTION_DAYS = 90;

export function decideCallElection(state: ElectionState, command: CallElection): ElectionCalled[] {
  const { electionId, caller, electorate, meta } = command;
  const title = validTitle(command.title);
  const role = validRole(command.role);
  const method = validMethod(command.method);
  const seats = validSeats(command.seats, method);
  const { nominationsCloseAt, closesAt } = validTimes(command.nominationsCloseAt, command.closesAt, meta.now);
  switch (state.status) {
    case 'none':
      break;
    case 'called':
    case 'closed':
      throw new Conflict('election-exists', `election ${electionId} already exists`);
    default: {
      const unhandled: never = state;
      throw new Error(`unhandled election state ${(unhandled as { status: string }).status}`);
    }
  }
  if (!caller.roles.includes('steward')) throw new Forbidden('not-steward', 'only a steward may call an election');
  if (!Number.isSafeInteger(electorate.asOfPosition) || electorate.asOfPosition < 0 || !Number.isSafeInteger(electorate.size) || electorate.size < 0) {
    throw new InvalidInput('electorate', 'the electorate must be a position in the global order and a size');
  }
  if (electorate.size === 0) throw new RuleBroken('empty-electorate', 'nobody is verified yet, so nobody could vote');
  return [
    {
      type: 'governance.ElectionCalled',
      data: {
        electionId,
        calledBy: caller.memberId,
        title,
        role,
        seats,
        method,
        nominationsCloseAt: nominationsCloseAt.toISOString(),
        closesAt: closesAt.toISOString(),
        electorate: { asOfPosition: electorate.asOfPosition, size: electorate.size },
      },
    },
  ];
}

function validRole(role: unknown): Role | null {
  if (role === null) return null;
  if (!(ROLES as readonly unknown[]).includes(role)) throw new InvalidInput('role', `role must be null (a seat) or one of ${ROLES.join(', ')}`);
  return role as Role;
}

function validMethod(method: unknown): ElectionMethod {
  if (!(ELECTION_METHODS as readonly unknown[]).includes(method)) throw new InvalidInput('method', `method must be one of ${ELECTION_METHODS.join(', ')}`);
  return method as ElectionMethod;
}

function validSeats(seats: unknown, method: ElectionMethod): number {
  if (!Number.isSafeInteger(seats) || (seats as number) < 1 || (seats as number) > MAX_SEATS) {
    throw new InvalidInput('seats', `seats must be an integer from 1 to ${MAX_SEATS}`);
  }
  if (method === 'irv' && seats !== 1) throw new InvalidInput('seats', 'instant runoff fills exactly one seat; use stv for several');
  return seats as number;
}

function validTimes(nominationsCloseAt: Date, closesAt: Date, now: Date): { nominationsCloseAt: Date; closesAt: Date } {
  const nominations = nominationsCloseAt instanceof Date ? nominationsCloseAt.getTime() : Number.NaN;
  const close = closesAt instanceof Date ? closesAt.getTime() : Number.NaN;
  if (!(nominations >= now.getTime() + MIN_NOMINATION_SECONDS * 1000)) {
    throw new InvalidInput('nominationsCloseAt', `nominationsCloseAt must be at least ${MIN_NOMINATION_SECONDS} seconds from now`);
  }
  if (!(close >= nominations + MIN_VOTING_SECONDS * 1000 && close <= now.getTime() + MAX_ELECTION_DAYS * 86_400_000)) {
    throw new InvalidInput('closesAt', `closesAt must be at least ${MIN_VOTING_SECONDS} seconds after nominationsCloseAt and at most ${MAX_ELECTION_DAYS} days from now`);
  }
  return { nominationsCloseAt, closesAt };
}
