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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KeyFileError(`key file ${path} does not exist (create one with \`civic keys generate --out ${path}\`)`);
    throw new KeyFileError(`cannot read key file ${path}: ${(error as Error).message}`);
  }
  let parsed: Partial<KeyFile>;
  try {
    parsed = JSON.parse(text) as Partial<KeyFile>;
  } catch {
    throw new KeyFileError(`key file ${path} is not a key file: it is not JSON (expected what \`civic keys generate\` writes)`);
  }
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.privateKeyPem !== 'string') throw new KeyFileError(`key file ${path} has no privateKeyPem`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(parsed.privateKeyPem);
  } catch {
    throw new KeyFileError(`key file ${path}: privateKeyPem is not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeyFileError(`key file ${path}: not an Ed25519 key`);
  const publicKey = rawPublicKey(privateKey);
  if (parsed.keyId !== undefined && parsed.keyId !== keyIdOf(publicKey)) {
    throw new KeyFileError(`key file ${path}: keyId ${String(parsed.keyId)} does not belong to its private key (${keyIdOf(publicKey)})`);
  }
  return { file: { keyId: keyIdOf(publicKey), publicKey, privateKeyPem: parsed.privateKeyPem }, privateKey };
}
