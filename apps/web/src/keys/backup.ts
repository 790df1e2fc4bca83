import { fromBase64url, keyIdOf, toBase64url, utf8 } from './bytes';
import type { StoredKey } from './keystore';

/**
 * Creating a member's signing key, and its passphrase-encrypted backup file (ADR 0007).
 *
 * The key pair is generated extractable exactly once, at creation: its PKCS#8 bytes are encrypted
 * at once with AES-256-GCM under a key derived from the passphrase (PBKDF2-SHA-256), and then
 * imported again as a NON-extractable key, which is the only copy kept. The extractable original
 * is dropped with the function's scope. Restoring decrypts the file and imports the same way.
 */

export const BACKUP_FORMAT = 'civic-ledger/signing-key-backup';
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 12;

export interface KeyBackup {
  format: typeof BACKUP_FORMAT;
  version: 1;
  memberId: string;
  keyId: string;
  publicKey: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  /** AES-GCM of the PKCS#8 private key; the additional data binds it to the member and public key. */
  ciphertext: string;
}

export class BackupError extends Error {
  constructor(readonly reason: 'malformed' | 'wrong-passphrase' | 'key-mismatch' | 'other-member') {
    super(reason);
    this.name = 'BackupError';
  }
}

const ED25519 = { name: 'Ed25519' } as const;

async function wrappingKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const associatedData = (memberId: string, publicKey: string) => utf8(`${BACKUP_FORMAT}\n${memberId}\n${publicKey}`);

/** A new key for `memberId`: the non-extractable key to store, and its encrypted backup. */
export async function createKey(memberId: string, passphrase: string): Promise<{ key: StoredKey; backup: KeyBackup }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const rawPublic = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const publicKey = toBase64url(rawPublic);
  const keyId = await keyIdOf(rawPublic);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapping = await wrappingKey(passphrase, salt, PBKDF2_ITERATIONS);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(memberId, publicKey) }, wrapping, pkcs8),
  );
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  pkcs8.fill(0);
  return {
    key: { memberId, keyId, publicKey, privateKey },
    backup: {
      format: BACKUP_FORMAT,
      version: 1,
      memberId,
      keyId,
      publicKey,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: toBase64url(salt) },
      cipher: { name: 'AES-GCM', iv: toBase64url(iv) },
      ciphertext: toBase64url(ciphertext),
    },
  };
}

export function parseBackup(text: string): KeyBackup {
  let value: Partial<KeyBackup>;
  try {
    value = JSON.parse(text) as Partial<KeyBackup>;
  } catch {
    throw new BackupError('malformed');
  }
  const ok =
    value.format === BACKUP_FORMAT &&
    value.version === 1 &&
    typeof value.memberId === 'string' &&
    typeof value.publicKey === 'string' &&
    typeof value.keyId === 'string' &&
    value.kdf?.name === 'PBKDF2' &&
    value.kdf.hash === 'SHA-256' &&
    Number.isSafeInteger(value.kdf.iterations) &&
    value.kdf.iterations >= 100_000 &&
    typeof value.kdf.salt === 'string' &&
    value.cipher?.name === 'AES-GCM' &&
    typeof value.cipher.iv === 'string' &&
    typeof value.ciphertext === 'string';
  if (!ok) throw new BackupError('malformed');
  return value as KeyBackup;
}

/** Decrypts a backup into a non-extractable key, after checking that it signs for the public key it names. */
export async function restoreKey(backup: KeyBackup, passphrase: string, memberId: string): Promise<StoredKey> {
  if (backup.memberId !== memberId) throw new BackupError('other-member');
  let pkcs8: Uint8Array<ArrayBuffer>;
  try {
    const wrapping = await wrappingKey(passphrase, fromBase64url(backup.kdf.salt), backup.kdf.iterations);
    pkcs8 = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64url(backup.cipher.iv), additionalData: associatedData(backup.memberId, backup.publicKey) },
        wrapping,
        fromBase64url(backup.ciphertext),
      ),
    );
  } catch {
    throw new BackupError('wrong-passphrase');
  }
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  pkcs8.fill(0);
  // The file's public key must be this private key's: a signature made now must verify with it.
  const rawPublic = fromBase64url(backup.publicKey);
  const publicKey = await crypto.subtle.importKey('raw', rawPublic, ED25519, false, ['verify']);
  const probe = utf8(`${BACKUP_FORMAT} probe`);
  const signature = await crypto.subtle.sign('Ed25519', privateKey, probe);
  const matches = await crypto.subtle.verify('Ed25519', publicKey, signature, probe);
  if (!matches || (await keyIdOf(rawPublic)) !== backup.keyId) throw new BackupError('key-mismatch');
  return { memberId, keyId: backup.keyId, publicKey: backup.publicKey, privateKey };
}

/** The backup as a downloadable file. */
export function backupFile(backup: KeyBackup): { url: string; name: string } {
  const blob = new Blob([`${JSON.stringify(backup, null, 2)}\n`], { type: 'application/json' });
  return { url: URL.createObjectURL(blob), name: `civic-ledger-key-${backup.keyId}.json` };
}
