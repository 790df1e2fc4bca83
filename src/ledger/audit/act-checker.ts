import { verify, type KeyObject } from 'node:crypto';
import { publicKeyFromRaw } from '../../commands/shared/signed-act.js';
import type { EventEnvelope } from '../../events/envelope.js';
import { canonicalJsonOfParsed } from './entry-match.js';

/** What an audit found wrong, with the index of the first entry that does not verify when there is one. */
export class AuditMismatch extends Error {
  constructor(
    message: string,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'AuditMismatch';
  }
}

/**
 * Members' keys as the log registers and rotates them (members.KeyRegistered, members.KeyRotated),
 * and the check of each signed act against the keys its actor held at that point of the log (ADR 0004).
 */
export class ActChecker {
  private readonly keys = new Map<string, Map<string, string>>();
  checked = 0;

  /** Throws AuditMismatch when the entry carries an act whose signature does not verify. */
  check(index: number, entry: Buffer): void {
    this.checkEnvelope(index, JSON.parse(entry.toString('utf8')) as Partial<EventEnvelope>);
  }

  /** `check` of an entry already parsed. */
  checkEnvelope(index: number, envelope: Partial<EventEnvelope>): void {
    if (envelope.type === 'members.KeyRegistered') {
      const data = envelope.data as { memberId?: string; keyId?: string; publicKey?: string };
      if (data.memberId && data.keyId && data.publicKey) {
        let keys = this.keys.get(data.memberId);
        if (!keys) this.keys.set(data.memberId, (keys = new Map()));
        keys.set(data.keyId, data.publicKey);
      }
    }
    const act = envelope.act;
    if (act) {
      const command = act.command;
      const publicKey = this.keys.get(command?.actor)?.get(command?.keyId);
      if (!publicKey) throw new AuditMismatch(`event ${index}: act signed with key ${String(command?.keyId)}, which ${String(command?.actor)} had not registered on the log`, index);
      if (!signs(publicKey, command, act.signature)) throw new AuditMismatch(`event ${index}: the act's signature does not verify with ${command.actor}'s key ${command.keyId}`, index);
      this.checked++;
    }
    // After the act is checked: a rotation's act is signed by the key it retires (or by a verifier).
    // From here on the old key no longer signs for the member; acts before this position verified with it.
    if (envelope.type === 'members.KeyRotated') {
      const data = envelope.data as { memberId?: string; oldKeyId?: string; newKeyId?: string; publicKey?: string; possession?: string };
      if (data.memberId && data.oldKeyId && data.newKeyId && data.publicKey) {
        if (!act || !signs(data.publicKey, act.command, data.possession)) {
          throw new AuditMismatch(`event ${index}: the new key ${data.newKeyId} did not sign the rotation act (proof of possession)`, index);
        }
        let keys = this.keys.get(data.memberId);
        if (!keys) this.keys.set(data.memberId, (keys = new Map()));
        keys.delete(data.oldKeyId);
        keys.set(data.newKeyId, data.publicKey);
      }
    }
    if (envelope.type === 'members.MemberLeft') {
      const data = envelope.data as { memberId?: string };
      if (data.memberId) this.keys.delete(data.memberId);
    }
  }
}

/** Key objects of the raw keys seen so far: building one costs more than a signature check. */
const keyObjects = new Map<string, KeyObject>();

function keyObject(publicKey: string): KeyObject {
  let key = keyObjects.get(publicKey);
  if (!key) {
    key = publicKeyFromRaw(publicKey);
    if (keyObjects.size >= 10_000) keyObjects.clear();
    keyObjects.set(publicKey, key);
  }
  return key;
}

function signs(publicKey: string, command: unknown, signature: unknown): boolean {
  if (typeof signature !== 'string') return false;
  try {
    return verify(null, Buffer.from(canonicalJsonOfParsed(command), 'utf8'), keyObject(publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
