import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import pg from 'pg';
import type { ActDto } from '../../../api/act.dto.js';
import { PG_POOL } from '../../../database/database.providers.js';
import { caseStream, type CaseSubject } from '../../../events/arbitration/arbitration-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { caseModel } from '../case-model.js';
import { SubjectFactsReader } from '../subject-facts.js';
import type { ArbiterCandidate, OpenCase } from './open-case.command.js';
import { decideOpenCase } from './open-case.decide.js';

export const OPEN_CASE = 'arbitration.OpenCase';

export class OpenCaseRequest extends Command<Appended> {
  constructor(
    readonly subject: CaseSubject,
    readonly arbiterId: string | null,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export const openCaseSignedFields = (r: { subject: CaseSubject; arbiterId: string | null }): Record<string, unknown> => ({ subject: r.subject, arbiterId: r.arbiterId });

@CommandHandler(OpenCaseRequest)
export class OpenCaseHandler implements ICommandHandler<OpenCaseRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly subjects: SubjectFactsReader,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async execute(request: OpenCaseRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(request.meta.actor, OPEN_CASE, openCaseSignedFields(request), request.act, request.meta.now);
    const subjectFacts = await this.subjects.read(request.subject);
    const arbiter = request.arbiterId === null ? { kind: 'by-rule' as const, candidates: await this.candidates() } : await this.named(request.arbiterId);
    return this.aggregates.handle(
      caseStream(request.subject.id),
      caseModel,
      (state) => decideOpenCase(state, { subject: request.subject, opener: { memberId: member.memberId, roles: member.roles }, subjectFacts, arbiter, nonce: request.act.nonce, meta: request.meta } satisfies OpenCase),
      request.meta,
      act,
    );
  }

  private async named(memberId: string): Promise<OpenCase['arbiter']> {
    try {
      const arbiter = await this.members.load(memberId);
      return { kind: 'named', memberId, roles: arbiter.roles };
    } catch (error) {
      if (error instanceof NotFound) throw new RuleBroken('not-arbiter', `member ${memberId} does not exist`);
      throw error;
    }
  }

  /**
   * Arbiters and their open cases, from the read models: the rule's inputs are recorded in its
   * outcome (the assigned arbiter), and a lagging read model can only make it pick a less idle arbiter.
   */
  private async candidates(): Promise<ArbiterCandidate[]> {
    const { rows } = await this.pool.query<{ member_id: string; open_cases: string }>(
      `SELECT m.member_id, count(c.case_id) AS open_cases
         FROM read_models.members m
         LEFT JOIN read_models.arbitration_cases c ON c.arbiter_id = m.member_id AND c.status = 'open'
        WHERE 'arbiter' = ANY(m.roles)
        GROUP BY m.member_id`,
    );
    return rows.map((r) => ({ memberId: r.member_id, openCases: Number(r.open_cases) }));
  }
}
