import { canonify } from '@truestamp/canonify';
import { fromBase64url, toBase64url, utf8 } from './bytes';
import type { StoredKey } from './keystore';

/**
 * A key rotation on a verifier's word (members.AttestKeyRotation, ADR 11) needs two signatures
 * over the same canonical act command: the verifier's (the act) and the member's new key's
 * (possession). The member's device fixes the whole command (the verifier's id and key id, the
 * time and a nonce), signs it with the new key, and hands it over as this request; the
 * verifier's device checks it and signs exactly the same bytes. The server accepts the act within
 * its clock skew (5 minutes by default) of `issuedAt`, so the two meet while it is made.
 */
export const ROTATION_REQUEST_FORMAT = 'civic-ledger/key-rotation-request';
export const ATTEST_KEY_ROTATION = 'members.AttestKeyRotation';

export interface RotationRequest {
  format: typeof ROTATION_REQUEST_FORMAT;
  version: 1;
  memberId: string;
  oldKeyId: string;
  publicKey: string;
  verifierId: string;
  verifierKeyId: string;
  issuedAt: string;
  nonce: string;
  possession: string;
}

/** The exact bytes both keys sign. */
export function rotationActBytes(r: Pick<RotationRequest, 'memberId' | 'oldKeyId' | 'publicKey' | 'verifierId' | 'verifierKeyId' | 'issuedAt' | 'nonce'>): Uint8Array<ArrayBuffer> {
  const text = canonify({
    command: ATTEST_KEY_ROTATION,
    actor: r.verifierId,
    keyId: r.verifierKeyId,
    issuedAt: r.issuedAt,
    nonce: r.nonce,
    memberId: r.memberId,
    oldKeyId: r.oldKeyId,
    publicKey: r.publicKey,
  });
  if (text === undefined) throw new TypeError('the act has no canonical JSON encoding');
  return utf8(text);
}

/** On the member's device: the request, signed by the new key (which never leaves the device). */
export async function makeRotationRequest(
  newKey: Pick<StoredKey, 'memberId' | 'publicKey' | 'privateKey'>,
  oldKeyId: string,
  verifier: { memberId: string; keyId: string },
): Promise<RotationRequest> {
  const fields = {
    memberId: newKey.memberId,
    oldKeyId,
    publicKey: newKey.publicKey,
    verifierId: verifier.memberId,
    verifierKeyId: verifier.keyId,
    issuedAt: new Date().toISOString(),
    nonce: crypto.randomUUID(),
  };
  const possession = toBase64url(new Uint8Array(await crypto.subtle.sign('Ed25519', newKey.privateKey, rotationActBytes(fields))));
  return { format: ROTATION_REQUEST_FORMAT, version: 1, ...fields, possession };
}

export type RequestProblem = 'not-json' | 'not-a-request' | 'not-for-you' | 'other-key' | 'bad-possession';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_ID = /^[A-Za-z0-9_-]{16}$/;
const PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

/** On the verifier's device: what was pasted, checked before anything is signed. */
export async function readRotationRequest(text: string, verifier: Pick<StoredKey, 'memberId' | 'keyId'>): Promise<RotationRequest | RequestProblem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not-json';
  }
  const r = value as Partial<RotationRequest> | null;
  if (
    typeof r !== 'object' ||
    r === null ||
    r.format !== ROTATION_REQUEST_FORMAT ||
    r.version !== 1 ||
    !ID.test(String(r.memberId)) ||
    !ID.test(String(r.verifierId)) ||
    !KEY_ID.test(String(r.oldKeyId)) ||
    !KEY_ID.test(String(r.verifierKeyId)) ||
    !PUBLIC_KEY.test(String(r.publicKey)) ||
    !SIGNATURE.test(String(r.possession)) ||
    typeof r.issuedAt !== 'string' ||
    Number.isNaN(Date.parse(r.issuedAt)) ||
    typeof r.nonce !== 'string'
  ) {
    return 'not-a-request';
  }
  const request = r as RotationRequest;
  if (request.verifierId !== verifier.memberId) return 'not-for-you';
  if (request.verifierKeyId !== verifier.keyId) return 'other-key';
  // The server checks possession too; checking here tells the verifier at once that the request was not altered.
  try {
    const publicKey = await crypto.subtle.importKey('raw', fromBase64url(request.publicKey), 'Ed25519', false, ['verify']);
    const ok = await crypto.subtle.verify('Ed25519', publicKey, fromBase64url(request.possession), rotationActBytes(request));
    return ok ? request : 'bad-possession';
  } catch {
    return 'bad-possession';
  }
}

/** The verifier's act over the same bytes, as the API takes it. */
export async function signRotationRequest(verifier: Pick<StoredKey, 'keyId' | 'privateKey'>, r: RotationRequest) {
  const signature = toBase64url(new Uint8Array(await crypto.subtle.sign('Ed25519', verifier.privateKey, rotationActBytes(r))));
  return { keyId: verifier.keyId, issuedAt: r.issuedAt, nonce: r.nonce, signature };
}
