import { canonify } from '@truestamp/canonify';
import type { ActJson } from '../api/types';
import { sha256, toBase64url, toHex, utf8 } from './bytes';
import type { StoredKey } from './keystore';

/**
 * Signs a member's act exactly as `civic sign` does (src/cli/sign.ts): Ed25519 over the RFC 8785
 * canonical JSON of `{ command, actor, keyId, issuedAt, nonce, ...fields }`, with the same
 * canonicaliser as the server, so the bytes are identical.
 */
export async function signAct(key: Pick<StoredKey, 'memberId' | 'keyId' | 'privateKey'>, command: string, fields: Record<string, unknown>): Promise<ActJson> {
  return (await signActBytes(key, command, fields)).act;
}

/** signAct, also giving the exact bytes signed (a key rotation has the new key sign them too). */
export async function signActBytes(
  key: Pick<StoredKey, 'memberId' | 'keyId' | 'privateKey'>,
  command: string,
  fields: Record<string, unknown>,
): Promise<{ act: ActJson; bytes: Uint8Array<ArrayBuffer> }> {
  const issuedAt = new Date().toISOString();
  const nonce = crypto.randomUUID();
  const text = canonify({ command, actor: key.memberId, keyId: key.keyId, issuedAt, nonce, ...fields });
  if (text === undefined) throw new TypeError('the act has no canonical JSON encoding');
  const bytes = utf8(text);
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', key.privateKey, bytes));
  return { act: { keyId: key.keyId, issuedAt, nonce, signature: toBase64url(signature) }, bytes };
}

/** What a draft, revision or comment act signs instead of the body: hex SHA-256 of its UTF-8 text. */
export async function bodySha256(body: string): Promise<string> {
  return toHex(await sha256(utf8(body)));
}
