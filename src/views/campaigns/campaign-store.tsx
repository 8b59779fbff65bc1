import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { deleteCampaign, loadCampaigns, saveCampaign } from '../../db/campaign-store.ts';
import type { Campaign } from '../../domain/campaign.ts';

/** The campaigns of this browser, shared by the targeting, campaigns and steering screens. */
export interface CampaignStore {
  status: 'loading' | 'ready';
  campaigns: readonly Campaign[];
  /** French message about records refused at load time, or a storage failure; else null. */
  notice: string | null;
  /** Keeps a campaign (same id: replaced), in memory and in the browser. */
  save: (campaign: Campaign) => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** Keeps every campaign of an imported file; returns how many were new and replaced. */
  importAll: (campaigns: readonly Campaign[]) => Promise<{ added: number; replaced: number }>;
}

const CampaignContext = createContext<CampaignStore | null>(null);

const byStart = (a: Campaign, b: Campaign) =>
  a.debut.localeCompare(b.debut) || a.id.localeCompare(b.id);

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads the campaigns kept in this browser once, then keeps memory and storage in step. */
export function CampaignProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<CampaignStore['status']>('loading');
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    loadCampaigns()
      .then(({ campaigns: kept, refused }) => {
        if (!current) return;
        setCampaigns(kept);
        if (refused.length > 0) {
          setNotice(
            `${refused.length} campagne(s) gardée(s) dans ce navigateur refusée(s) car altérée(s), et supprimée(s) : ${refused.join(' | ')}`,
          );
        }
      })
      .catch((error: unknown) => {
        if (current) setNotice(`Campagnes de ce navigateur illisibles : ${reason(error)}.`);
      })
      .finally(() => {
        if (current) setStatus('ready');
      });
    return () => {
      current = false;
    };
  }, []);

  const keep = useCallback((list: readonly Campaign[]) => {
    setCampaigns((known) => {
      const ids = new Set(list.map((c) => c.id));
      return [...known.filter((c) => !ids.has(c.id)), ...list].sort(byStart);
    });
  }, []);

  const save = useCallback(
    async (campaign: Campaign) => {
      await saveCampaign(campaign);
      keep([campaign]);
    },
    [keep],
  );
  const remove = useCallback(async (id: string) => {
    await deleteCampaign(id);
    setCampaigns((known) => known.filter((c) => c.id !== id));
  }, []);
  const importAll = useCallback(
    async (list: readonly Campaign[]) => {
      const known = new Set(campaigns.map((c) => c.id));
      for (const campaign of list) await saveCampaign(campaign);
      keep(list);
      const replaced = list.filter((c) => known.has(c.id)).length;
      return { added: list.length - replaced, replaced };
    },
    [campaigns, keep],
  );

  const value = useMemo<CampaignStore>(
    () => ({ status, campaigns, notice, save, remove, importAll }),
    [status, campaigns, notice, save, remove, importAll],
  );
  return <CampaignContext.Provider value={value}>{children}</CampaignContext.Provider>;
}

/** The shared campaigns. */
export function useCampaigns(): CampaignStore {
  const store = useContext(CampaignContext);
  if (store === null) throw new Error('useCampaigns needs a CampaignProvider');
  return store;
}
