/**
 * The member's signing key on this device: an Ed25519 CryptoKey kept in IndexedDB. The private key
 * is stored non-extractable: scripts on the page can sign with it but never read its bytes.
 */
export interface StoredKey {
  memberId: string;
  keyId: string;
  /** Base64url raw 32-byte public key. */
  publicKey: string;
  privateKey: CryptoKey;
}

const DB_NAME = 'civic-ledger';
const STORE = 'signing-keys';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'memberId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export const keystore = {
  get: async (memberId: string): Promise<StoredKey | undefined> =>
    (await run<StoredKey | undefined>('readonly', (store) => store.get(memberId) as IDBRequest<StoredKey | undefined>)) ?? undefined,
  put: async (key: StoredKey): Promise<void> => {
    await run('readwrite', (store) => store.put(key));
  },
  remove: async (memberId: string): Promise<void> => {
    await run('readwrite', (store) => store.delete(memberId));
  },
};
