import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { DELEGATIONS_STREAM } from '../../../events/governance/delegation-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { NotFound } from '../../shared/domain-errors.js';
import { delegationModel } from '../delegation.state.js';
import { voterFrom } from '../voter.js';
import type { DelegateOnLog } from './delegate-vote.command.js';
import { decideDelegateVote } from './delegate-vote.decide.js';

export const DELEGATE_VOTE = 'governance.DelegateVote';

export class DelegateVoteRequest extends Command<Appended> {
  constructor(
    readonly delegateId: string,
    readonly topic: string | null,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(DelegateVoteRequest)
export class DelegateVoteHandler implements ICommandHandler<DelegateVoteRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: DelegateVoteRequest): Promise<Appended> {
    const fields = { delegateId: request.delegateId, topic: request.topic };
    const { member, act } = await this.members.signedBy(request.meta.actor, DELEGATE_VOTE, fields, request.act, request.meta.now);
    const delegate = await this.members.load(request.delegateId).then(
      (found): DelegateOnLog => (found.membership.kind === 'left' ? { kind: 'left', atPosition: found.membership.atPosition } : { kind: 'member' }),
      (error: unknown): DelegateOnLog => {
        if (error instanceof NotFound) return { kind: 'no-member' };
        throw error;
      },
    );
    // One stream for the whole graph: a concurrent delegation makes the append retry on the new graph.
    return this.aggregates.handle(
      DELEGATIONS_STREAM,
      delegationModel,
      (state) =>
        decideDelegateVote(state, {
          delegator: voterFrom(member),
          delegateId: request.delegateId,
          delegate,
          topic: request.topic,
          nonce: request.act.nonce,
          meta: request.meta,
        }),
      request.meta,
      act,
    );
  }
}
