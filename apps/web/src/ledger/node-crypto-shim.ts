import { sha256 } from '@noble/hashes/sha2';
import { Buffer } from 'buffer';

/*
 * What the shared ledger modules (src/ledger/merkle, src/ledger/note) take from Node, for the
 * browser bundle: `Buffer` as a global and SHA-256 through `createHash` and `hash`. Signature checks are not
 * offered here: the web app verifies Ed25519 with WebCrypto (see verify-inclusion.ts), so the
 * key functions fail loudly if anything calls them.
 */
const scope = globalThis as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;

export function createHash(algorithm: string) {
  if (algorithm !== 'sha256') throw new Error(`hash ${algorithm} is not available in the browser`);
  const hash = sha256.create();
  const api = {
    update(data: Uint8Array | string) {
      hash.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      return api;
    },
    digest() {
      return Buffer.from(hash.digest());
    },
  };
  return api;
}

/** Node's one-shot `crypto.hash(algorithm, data, outputEncoding)`, SHA-256 only. */
export function hash(algorithm: string, data: Uint8Array | string, outputEncoding: 'buffer' | 'hex' | 'base64' = 'hex') {
  const digest = createHash(algorithm).update(data).digest();
  return outputEncoding === 'buffer' ? digest : digest.toString(outputEncoding);
}

function unavailable(name: string): never {
  throw new Error(`node:crypto ${name} is not available in the browser`);
}

export const createPrivateKey = () => unavailable('createPrivateKey');
export const createPublicKey = () => unavailable('createPublicKey');
export const generateKeyPairSync = () => unavailable('generateKeyPairSync');
export const sign = () => unavailable('sign');
export const verify = () => unavailable('verify');
export const randomUUID = () => crypto.randomUUID();
