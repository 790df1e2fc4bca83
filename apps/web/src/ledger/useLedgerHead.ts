import { useEffect, useState } from 'react';
import { publicApi } from '../api/commands';
import type { LedgerInfo } from '../api/types';
import { REFRESH_MS, useResource, type ResourceState } from '../hooks/useResource';

/** How the screen learns of new checkpoints: pushed by the server, or polled when the stream failed. */
export type HeadMode = 'live' | 'polling';

interface CheckpointPush {
  size: number;
  rootHash: string;
  checkpoint: string;
}

function isCheckpointPush(value: unknown): value is CheckpointPush {
  const v = value as Partial<CheckpointPush> | null;
  return typeof v === 'object' && v !== null && Number.isSafeInteger(v.size) && typeof v.rootHash === 'string' && typeof v.checkpoint === 'string';
}

/**
 * The log's head: loaded once, then moved on by the `checkpoint` events of the server-sent tail
 * (`/api/ledger/tail`). If the stream fails (no EventSource, a proxy that buffers, the server
 * going away), it falls back to polling `/api/ledger` for as long as the screen is open.
 */
export function useLedgerHead(): { info: ResourceState<LedgerInfo>; mode: HeadMode } {
  const [mode, setMode] = useState<HeadMode>(() => (typeof EventSource === 'function' ? 'live' : 'polling'));
  const [pushed, setPushed] = useState<CheckpointPush | null>(null);
  const info = useResource('ledger-info', (signal) => publicApi.ledger(signal), mode === 'polling' ? REFRESH_MS : undefined);
  const { retry } = info;

  useEffect(() => {
    if (mode !== 'live') return;
    // Entries already signed are read page by page; the tail only needs to say when the head moves.
    const source = new EventSource('/api/ledger/tail');
    source.addEventListener('checkpoint', (event) => {
      try {
        const data: unknown = JSON.parse((event as MessageEvent<string>).data);
        if (isCheckpointPush(data)) setPushed((previous) => (previous && previous.size > data.size ? previous : data));
      } catch {
        // A malformed message is skipped; the next checkpoint brings the head anyway.
      }
    });
    source.onerror = () => {
      source.close();
      setMode('polling');
      retry();
    };
    return () => source.close();
  }, [mode, retry]);

  const data = info.data && pushed && pushed.size >= info.data.size ? { ...info.data, size: pushed.size, rootHash: pushed.rootHash, checkpoint: pushed.checkpoint } : info.data;
  return { info: { ...info, data }, mode };
}
