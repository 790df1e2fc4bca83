import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../../event-store/event-store.port.js';
import { memberStream, type RoleGranted } from '../../../events/members/member-events.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { memberModel } from '../acting-member.js';
import { decideBootstrapSteward } from './bootstrap-steward.decide.js';

export class BootstrapStewardRequest extends Command<Appended> {
  constructor(
    readonly memberId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Operators only (CLI or configuration): makes the first steward of a community that has none. */
@CommandHandler(BootstrapStewardRequest)
export class BootstrapStewardHandler implements ICommandHandler<BootstrapStewardRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(request: BootstrapStewardRequest): Promise<Appended> {
    const stewardsExist = await this.stewardsExist();
    return this.aggregates.handle(
      memberStream(request.memberId),
      memberModel,
      (state) => decideBootstrapSteward(state, { memberId: request.memberId, stewardsExist, meta: request.meta }),
      request.meta,
    );
  }

  /** Read from the log itself: role grants are rare, and the answer must not lag behind a projection. */
  private async stewardsExist(): Promise<boolean> {
    // Once a community has had a steward it governs itself: a steward removed by no-confidence is
    // replaced through a proposal, never by another bootstrap.
    for (let from = 0; ; ) {
      const grants = await this.store.readAll(from, 1000, { types: ['members.RoleGranted'] });
      if (grants.some((g) => (g.data as RoleGranted['data']).role === 'steward')) return true;
      if (grants.length < 1000) return false;
      from = grants[grants.length - 1]!.position + 1;
    }
  }
}
