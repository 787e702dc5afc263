import type { ReportFilter, Site } from '@moments/shared';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';

const DAY = 86_400_000;

export type PeriodKey = '30d' | '90d' | '180d' | '365d';
export const PERIODS: Record<PeriodKey, { label: string; days: number }> = {
  '30d': { label: 'Last 30 days', days: 30 },
  '90d': { label: 'Last 90 days', days: 90 },
  '180d': { label: 'Last 6 months', days: 180 },
  '365d': { label: 'Last 12 months', days: 365 },
};

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Whole days (the server reads its daily rollups for these): `days` days ending today, and the ones before. */
export function getPeriod(key: PeriodKey, now = Date.now()) {
  const days = PERIODS[key].days;
  const to = isoDay(now);
  const from = isoDay(now - (days - 1) * DAY);
  const previous = { from: isoDay(now - (2 * days - 1) * DAY), to: isoDay(now - days * DAY) };
  return { key, label: PERIODS[key].label, days, from, to, previous };
}
export type Period = ReturnType<typeof getPeriod>;

export type Dashboard = {
  sites: Site[];
  site: Site;
  setSiteId: (id: string) => void;
  reloadSites: () => Promise<void>;
  period: Period;
  setPeriodKey: (k: PeriodKey) => void;
  /** The report filter for the chosen period. */
  filter: ReportFilter;
};

export const DashboardContext = createContext<Dashboard | null>(null);

/** The chosen site and period, from any view. */
export function useDashboard(): Dashboard {
  const d = useContext(DashboardContext);
  if (!d) throw new Error('useDashboard outside the dashboard');
  return d;
}

export type Load<T> = { data?: T; error?: unknown; loading: boolean; reload: () => void };

/** Runs `fn` whenever `deps` change; stale answers (from earlier deps) are dropped. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): Load<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ data: s.data, loading: true }));
    fn().then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error) => mine === seq.current && setState({ error, loading: false }),
    );
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}
