import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../../api/act.dto.js';
import { electionStream } from '../../../../events/governance/election-events.js';
import { ActingMembers } from '../../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../../shared/aggregate-store.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { electionModel } from '../election-model.js';
import { decideWithdrawCandidacy } from './withdraw-candidacy.decide.js';

export const WITHDRAW_CANDIDACY = 'governance.WithdrawCandidacy';

export class WithdrawCandidacyRequest extends Command<Appended> {
  constructor(
    readonly electionId: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(WithdrawCandidacyRequest)
export class WithdrawCandidacyHandler implements ICommandHandler<WithdrawCandidacyRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: WithdrawCandidacyRequest): Promise<Appended> {
    const fields = { electionId: request.electionId };
    const { member, act } = await this.members.signedBy(request.meta.actor, WITHDRAW_CANDIDACY, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      electionStream(request.electionId),
      electionModel,
      (state) => decideWithdrawCandidacy(state, { electionId: request.electionId, candidateId: member.memberId, nonce: request.act.nonce, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
