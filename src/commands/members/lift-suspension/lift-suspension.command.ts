import { Command } from '@nestjs/cqrs';
import type { Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';

/**
 * Lift a member's suspension before it ends (an appeal upheld, an action reversed). Internal:
 * moderation dispatches it through the CommandBus. Idempotent by `actionId`.
 */
export class LiftSuspension extends Command<Appended> {
  constructor(
    readonly memberId: string,
    /** The moderation action that lifts it; repeating it is a no-op. */
    readonly actionId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
