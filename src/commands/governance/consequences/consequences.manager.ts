import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { PG_POOL } from '../../../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../../../event-store/event-store.port.js';
import type { EventEnvelope } from '../../../events/envelope.js';
import type { ElectionClosed } from '../../../events/governance/election-events.js';
import { proposalStream, type ProposalClosed } from '../../../events/governance/proposal-events.js';
import { upcastEvent } from '../../../events/registry.js';
import type { ActionTaken, AppealDecided } from '../../../events/moderation/moderation-events.js';
import { GrantRoleRequest } from '../../members/grant-role/grant-role.handler.js';
import { LiftSuspension } from '../../members/lift-suspension/lift-suspension.command.js';
import { SuspendMember } from '../../members/suspend-member/suspend-member.command.js';
import { appealDecisionId } from '../../moderation/decide-appeal/decide-appeal.handler.js';
import { metaAt } from '../../shared/command-meta.js';
import { RevokeRoleRequest } from '../../members/revoke-role/revoke-role.handler.js';
import type { Cause } from '../../members/role-consequence.js';
import { AggregateStore } from '../../shared/aggregate-store.js';
import { DomainError } from '../../shared/domain-errors.js';
import { proposalModel } from '../proposal-model.js';
import { ensureCheckpointTable, readCheckpoint, saveCheckpoint } from './consequences-checkpoint.js';
import { consequencesOfElection, consequencesOfProposal, type RoleConsequence } from './role-consequences.js';

export const CONSEQUENCES_CHECKPOINT = 'role-consequences';
const HANDLED = ['governance.ProposalClosed', 'governance.ElectionClosed', 'moderation.ActionTaken', 'moderation.AppealDecided'];
const PAGE = 500;

/**
 * The process manager that turns decisions into their consequences on members: it follows the log
 * (catch-up from its checkpoint, then live by polling the handled event types) and, for each
 * passed role motion or won election, dispatches GrantRole or RevokeRole; for each suspension a
 * moderator imposed or an appeal lifted, SuspendMember or LiftSuspension. The moderation handlers
 * dispatch the latter themselves right after their append; this is what carries them out when
 * the process died in between. Every one of these commands is idempotent (an event id derived
 * from the decision, or the action's id), so processing an event twice, after a crash between the
 * command and the checkpoint or in two processes at once, changes the member once.
 */
@Injectable()
export class ConsequencesManager implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConsequencesManager');
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly commands: CommandBus,
    private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.roles.includes('projector')) this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  start(): void {
    if (this.running !== undefined) return;
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    let from: number | undefined;
    while (!this.stopping) {
      try {
        if (from === undefined) {
          await ensureCheckpointTable(this.pool);
          from = await readCheckpoint(this.pool, CONSEQUENCES_CHECKPOINT);
        }
        from = await this.catchUp(from);
      } catch (error) {
        // The database may blink; the checkpoint only moved past events fully handled: retry next tick.
        this.logger.warn(`applying consequences: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.config.closerIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Handles every decision from `from` up to the log head; returns (and stores) where to go on. */
  async catchUp(from: number): Promise<number> {
    let position = from;
    for (;;) {
      const head = await this.store.headPosition();
      const events = await this.store.readAll(position, PAGE, { types: HANDLED });
      for (const event of events) {
        if (this.stopping) return position;
        await this.process(event);
        position = event.position + 1;
        await saveCheckpoint(this.pool, CONSEQUENCES_CHECKPOINT, position);
      }
      if (events.length < PAGE) {
        // Nothing handled below the head that was read first: the checkpoint can skip to it.
        if (head > position) {
          position = head;
          await saveCheckpoint(this.pool, CONSEQUENCES_CHECKPOINT, position);
        }
        return position;
      }
    }
  }

  /** The role changes one decision causes, carried out; safe to call any number of times. */
  async process(stored: EventEnvelope): Promise<number> {
    const event = upcastEvent(stored);
    const cause: Cause = { eventId: event.id, occurredAt: event.meta.occurredAt, correlationId: event.meta.correlationId };
    let consequences: RoleConsequence[] = [];
    if (event.type === 'moderation.ActionTaken' || event.type === 'moderation.AppealDecided') return this.processModeration(event);
    if (event.type === 'governance.ProposalClosed') {
      const data = event.data as ProposalClosed['data'];
      if (data.result !== 'passed') return 0;
      const { state } = await this.aggregates.load(proposalStream(data.proposalId), proposalModel);
      if (state.status === 'closed') consequences = consequencesOfProposal(state);
    } else if (event.type === 'governance.ElectionClosed') {
      consequences = consequencesOfElection(event.data as ElectionClosed['data']);
    }
    let appended = 0;
    for (const consequence of consequences) {
      const request =
        consequence.kind === 'grant'
          ? new GrantRoleRequest(consequence.command, consequence.eventId, cause)
          : new RevokeRoleRequest(consequence.command, consequence.eventId, cause);
      try {
        appended += (await this.commands.execute(request)).positions.length;
      } catch (error) {
        // A member who is gone cannot gain or lose a role: nothing to do, and nothing to retry.
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`consequence of ${event.type} ${event.id} not applied: ${error.message}`);
      }
    }
    return appended;
  }

  private async processModeration(event: EventEnvelope): Promise<number> {
    const meta = metaAt('system', new Date(event.meta.occurredAt), event.meta.correlationId);
    let request: SuspendMember | LiftSuspension;
    if (event.type === 'moderation.ActionTaken') {
      const data = event.data as ActionTaken['data'];
      if (data.kind !== 'suspend' || data.target.kind !== 'member' || data.until === null) return 0;
      request = new SuspendMember(data.target.memberId, data.until, data.actionId, data.reason.trim(), meta);
    } else {
      const data = event.data as AppealDecided['data'];
      if (!data.suspensionLifted || data.target.kind !== 'member') return 0;
      request = new LiftSuspension(data.target.memberId, appealDecisionId(data.actionId), meta);
    }
    try {
      return (await this.commands.execute(request)).positions.length;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`consequence of ${event.type} ${event.id} not applied: ${error.message}`);
      return 0;
    }
  }
}
