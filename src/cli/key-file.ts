import { generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { keyIdOf, rawPublicKey } from '../commands/shared/signed-act.js';

/** A member's signing key as the CLI keeps it: JSON, private key in PKCS#8 PEM. */
export interface KeyFile {
  keyId: string;
  publicKey: string;
  privateKeyPem: string;
}

export function generateKeyFile(): KeyFile {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

export function writeKeyFile(path: string, key: KeyFile): void {
  writeFileSync(path, JSON.stringify(key, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
}

export class KeyFileError extends Error {}

export function readKeyFile(path: string): { file: KeyFile; privateKey: KeyObject } {
  let parsed: Partial<KeyFile>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<KeyFile>;
  } catch (error) {
    throw new KeyFileError(`cannot read key file ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed.privateKeyPem !== 'string') throw new KeyFileError(`key file ${path} has no privateKeyPem`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(parsed.privateKeyPem);
  } catch {
    throw new KeyFileError(`key file ${path}: privateKeyPem is not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeyFileError(`key file ${path}: not an Ed25519 key`);
  const publicKey = rawPublicKey(privateKey);
  return { file: { keyId: keyIdOf(publicKey), publicKey, privateKeyPem: parsed.privateKeyPem }, privateKey };
}
