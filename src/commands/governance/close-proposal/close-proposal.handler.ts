import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../../event-store/event-store.port.js';
import { DELEGATIONS_STREAM, type DelegationEvent } from '../../../events/governance/delegation-events.js';
import { proposalStream } from '../../../events/governance/proposal-events.js';
import { upcastEvent } from '../../../events/registry.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { NotFound } from '../../shared/domain-errors.js';
import type { Delegations } from '../delegation-resolution.js';
import { evolveDelegations, initialDelegationState, type DelegationHistoryEvent } from '../delegation.state.js';
import { loadMotionTarget } from '../motion-target.js';
import { proposalModel } from '../proposal-model.js';
import { isInElectorate, voterFrom } from '../voter.js';
import { decideCloseProposal } from './close-proposal.decide.js';

export class CloseProposalRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * A derived act of the system: no signature, the result is recomputable from the log. The
 * delegations counted are those at or below the log head when the close began, and that
 * position goes on the ProposalClosed event.
 */
@CommandHandler(CloseProposalRequest)
export class CloseProposalHandler implements ICommandHandler<CloseProposalRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(request: CloseProposalRequest): Promise<Appended> {
    const asOfPosition = (await this.store.headPosition()) - 1;
    const graph = await this.delegationsAsOf(asOfPosition);
    const { state } = await this.aggregates.load(proposalStream(request.proposalId), proposalModel);
    const open = state.status === 'open' ? state : null;
    const delegatorsInElectorate = open === null ? new Set<string>() : await this.delegatorsIn(graph, open.votes, open.electorate.asOfPosition);
    const target = open === null ? null : await loadMotionTarget(this.members, open.motion);
    return this.aggregates.handle(
      proposalStream(request.proposalId),
      proposalModel,
      (current) =>
        decideCloseProposal(current, {
          proposalId: request.proposalId,
          delegations: { asOfPosition: Math.max(asOfPosition, 0), graph },
          delegatorsInElectorate,
          target,
          meta: request.meta,
        }),
      request.meta,
    );
  }

  private async delegationsAsOf(asOfPosition: number): Promise<Delegations> {
    let state = initialDelegationState;
    for (const stored of await this.store.readStream(DELEGATIONS_STREAM)) {
      if (stored.position > asOfPosition) break;
      const event = upcastEvent(stored);
      state = evolveDelegations(state, { type: event.type, data: event.data, position: event.position } as DelegationHistoryEvent & DelegationEvent);
    }
    return state.delegations;
  }

  /** Only delegators who did not vote matter; each is checked on their own stream, as a voter is. */
  private async delegatorsIn(graph: Delegations, votes: Readonly<Record<string, unknown>>, electoratePosition: number): Promise<Set<string>> {
    const delegators = [...graph.keys()].filter((id) => !Object.hasOwn(votes, id));
    const inElectorate = await Promise.all(
      delegators.map((id) =>
        this.members.load(id).then(
          (member) => isInElectorate(voterFrom(member), electoratePosition),
          (error: unknown) => {
            if (error instanceof NotFound) return false;
            throw error;
          },
        ),
      ),
    );
    return new Set(delegators.filter((_, i) => inElectorate[i]));
  }
}
