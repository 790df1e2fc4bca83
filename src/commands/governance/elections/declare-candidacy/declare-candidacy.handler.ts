import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../../api/act.dto.js';
import { electionStream } from '../../../../events/governance/election-events.js';
import { ActingMembers } from '../../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../../shared/aggregate-store.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { voterFrom } from '../../voter.js';
import { electionModel } from '../election-model.js';
import { decideDeclareCandidacy } from './declare-candidacy.decide.js';

export const DECLARE_CANDIDACY = 'governance.DeclareCandidacy';

export class DeclareCandidacyRequest extends Command<Appended> {
  constructor(
    readonly electionId: string,
    readonly statement: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(DeclareCandidacyRequest)
export class DeclareCandidacyHandler implements ICommandHandler<DeclareCandidacyRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: DeclareCandidacyRequest): Promise<Appended> {
    const fields = { electionId: request.electionId, statement: request.statement };
    const { member, act } = await this.members.signedBy(request.meta.actor, DECLARE_CANDIDACY, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      electionStream(request.electionId),
      electionModel,
      (state) => decideDeclareCandidacy(state, { ...fields, candidate: voterFrom(member), nonce: request.act.nonce, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
