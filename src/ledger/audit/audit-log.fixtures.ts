import { canonicalBytes } from '../../events/canonical.js';
import { schemaVersionOf } from '../../events/registry.js';

/** A log built event by event, as the ledger stores it: leaf i = the canonical envelope of position i. */
export class Log {
  readonly entries: Buffer[] = [];
  private readonly revisions = new Map<string, number>();
  private clock = Date.parse('2026-03-02T09:00:00.000Z');

  add(stream: string, type: string, data: unknown): number {
    const revision = this.revisions.get(stream) ?? 0;
    this.revisions.set(stream, revision + 1);
    const index = this.entries.length;
    const id = `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`;
    const meta = { actor: 'system', correlationId: id, causationId: id, occurredAt: new Date(this.clock).toISOString() };
    this.clock += 60_000;
    this.entries.push(canonicalBytes({ id, stream, revision, type, schemaVersion: schemaVersionOf(type), data, meta }));
    return index;
  }

  at(instant: string): this {
    this.clock = Date.parse(instant);
    return this;
  }
}

export const member = (n: number): string => `00000000-0000-7000-8000-0000000000${String(n).padStart(2, '0')}`;
