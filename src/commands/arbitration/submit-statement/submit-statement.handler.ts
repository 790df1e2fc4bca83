import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { caseStream } from '../../../events/arbitration/arbitration-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { caseModel } from '../case-model.js';
import { decideSubmitStatement } from './submit-statement.decide.js';

export const SUBMIT_STATEMENT = 'arbitration.SubmitStatement';

export class SubmitStatementRequest extends Command<Appended> {
  constructor(
    readonly caseId: string,
    readonly statement: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(SubmitStatementRequest)
export class SubmitStatementHandler implements ICommandHandler<SubmitStatementRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: SubmitStatementRequest): Promise<Appended> {
    const fields = { caseId: request.caseId, statement: request.statement };
    const { member, act } = await this.members.signedBy(request.meta.actor, SUBMIT_STATEMENT, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      caseStream(request.caseId),
      caseModel,
      (state) => decideSubmitStatement(state, { caseId: request.caseId, partyId: member.memberId, statement: request.statement, nonce: request.act.nonce, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
