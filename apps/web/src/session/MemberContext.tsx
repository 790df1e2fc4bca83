import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { publicApi } from '../api/commands';
import type { MemberDetail } from '../api/types';
import { LocalProblem } from '../hooks/useAction';
import { t } from '../i18n/t';
import { keystore, type StoredKey } from '../keys/keystore';
import { useSession, type Session } from './session';

export interface Me {
  session: Session | null;
  /** The logged-in member as the read model shows them (roles, verification, registered keys). */
  member: MemberDetail | undefined;
  /** This device's signing key for the member: undefined while loading, null when there is none. */
  key: StoredKey | null | undefined;
  /** Reloads the member, waiting until the read model has passed `atPosition`. */
  refresh: (atPosition?: number) => Promise<void>;
}

const MeContext = createContext<Me>({ session: null, member: undefined, key: null, refresh: async () => undefined });

export function MemberProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const memberId = session?.memberId ?? null;
  const [member, setMember] = useState<MemberDetail | undefined>(undefined);
  const [key, setKey] = useState<StoredKey | null | undefined>(undefined);

  const refresh = useCallback(
    async (atPosition?: number) => {
      if (!memberId) return;
      const [detail, stored] = await Promise.all([publicApi.member(memberId, undefined, atPosition), keystore.get(memberId).catch(() => undefined)]);
      setMember(detail);
      setKey(stored ?? null);
    },
    [memberId],
  );

  useEffect(() => {
    setMember(undefined);
    setKey(undefined);
    if (memberId) refresh().catch(() => setKey((k) => k ?? null));
  }, [memberId, refresh]);

  return <MeContext.Provider value={{ session, member, key, refresh }}>{children}</MeContext.Provider>;
}

export function useMe(): Me {
  return useContext(MeContext);
}

/** What an act needs: a session and this device's key, registered to the member. Throws a problem to show otherwise. */
export function signerOf(me: Me): { token: string; key: StoredKey } {
  if (!me.session) {
    throw new LocalProblem({ type: 'about:blank', status: 0, title: t('act.needLogin.title'), detail: t('act.needLogin.detail') });
  }
  if (!me.key) {
    throw new LocalProblem({ type: 'about:blank', status: 0, title: t('act.needKey.title'), detail: t('act.needKey.detail') });
  }
  return { token: me.session.token, key: me.key };
}
