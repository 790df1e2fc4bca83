import { Command } from '@nestjs/cqrs';
import type { Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';

/**
 * Suspend a member until a given instant: while suspended, every signed act of theirs is refused.
 * Internal: moderation dispatches it through the CommandBus (no public controller). Idempotent by
 * `actionId`: the same moderation action applied twice suspends once.
 */
export class SuspendMember extends Command<Appended> {
  constructor(
    readonly memberId: string,
    /** ISO 8601 instant at which the suspension ends. */
    readonly until: string,
    /** The moderation action that decided it; repeating it is a no-op. */
    readonly actionId: string,
    /** Public reason, recorded on the log: never personal data. */
    readonly reason: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
