/*
 * Types of the backend modules the web bundle imports (Vite alias `@ledger` → src/ledger). They are
 * typechecked with the backend (root tsconfig); here only the functions the web app calls are
 * declared, with Buffer results seen as the Uint8Array subclass they are plus the methods used.
 */
interface LedgerBuffer extends Uint8Array {
  toString(encoding?: 'hex' | 'base64' | 'utf8'): string;
  equals(other: Uint8Array): boolean;
}

declare module '@ledger/merkle/merkle' {
  export function leafHash(entry: Uint8Array): LedgerBuffer;
  export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean;
}

declare module '@ledger/note/note' {
  export interface NoteSignature {
    name: string;
    keyId: number;
    base64: string;
  }
  export function keyId(name: string, publicKey: Uint8Array): number;
  export function parseNote(note: string): { text: string; signatures: NoteSignature[] };
}

declare module '@ledger/note/checkpoint' {
  export function parseCheckpointBody(text: string): { origin: string; size: number; root: LedgerBuffer; extensions?: string[] };
}

declare module '@truestamp/canonify' {
  export function canonify(value: unknown): string | undefined;
}
