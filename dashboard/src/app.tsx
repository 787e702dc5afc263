import type { Site } from '@moments/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, isSignedIn, SIGNED_OUT_EVENT, signOut } from './api.js';
import { lazyView } from './components/lazy-view.js';
import { Empty, ErrorNote, Loading } from './components/states.js';
import { onLinkClick, usePath } from './router.js';
import { type Dashboard, DashboardContext, getPeriod, PERIODS, type PeriodKey } from './state.js';
import { DriversView } from './views/drivers.js';
import { FollowUpsView } from './views/followups.js';
import { JourneyView } from './views/journey.js';
import { OverviewView } from './views/overview.js';
import { RankingsView } from './views/rankings.js';
import { SignIn } from './views/sign-in.js';
import { ThemesView } from './views/themes.js';
import { ValueView } from './views/value.js';

// The editors carry the shared zod schemas they validate with: loaded the first time they open.
const SurveysView = lazyView(() => import('./views/surveys.js').then((m) => m.SurveysView));
const SettingsView = lazyView(() => import('./views/settings.js').then((m) => m.SettingsView));
// Reading responses and customers is a second step after the headline views: loaded when opened.
const ResponsesView = lazyView(() => import('./views/responses.js').then((m) => m.ResponsesView));
const CustomersView = lazyView(() => import('./views/customers.js').then((m) => m.CustomersView));
const AudienceView = lazyView(() => import('./views/audience.js').then((m) => m.AudienceView));
const SurveyResultsView = lazyView(() =>
  import('./views/survey-results.js').then((m) => m.SurveyResultsView),
);
const CustomerProfileView = lazyView(() =>
  import('./views/customer-profile.js').then((m) => m.CustomerProfileView),
);

const NAV = [
  ['/', 'Overview'],
  ['/journey', 'Journey'],
  ['/responses', 'Responses'],
  ['/rankings', 'Rankings'],
  ['/drivers', 'Drivers'],
  ['/value', 'Value'],
  ['/themes', 'Themes'],
  ['/followups', 'Follow-ups'],
  ['/surveys', 'Surveys'],
  ['/customers', 'Customers'],
  ['/audience', 'Who sees what'],
  ['/settings', 'Settings'],
] as const;

/** A path segment decoded, or undefined when it is not percent-encoding (`%`, `%ZZ`, cut UTF-8). */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const noPage = () => <Empty>There is no page here. Pick one from the menu.</Empty>;

function View({ path }: { path: string }) {
  const [, first, rawSecond, third] = path.split('/');
  // A link typed or pasted by hand: a bad escape made decodeURIComponent throw here, an uncaught
  // URIError that left the page without its menu or content.
  const second = rawSecond === undefined ? undefined : decodeSegment(rawSecond);
  if (rawSecond && second === undefined) return noPage();
  switch (first) {
    case '':
      return <OverviewView />;
    case 'journey':
      return <JourneyView />;
    case 'rankings':
      return <RankingsView />;
    case 'drivers':
      return <DriversView />;
    case 'value':
      return <ValueView />;
    case 'themes':
      return <ThemesView />;
    case 'followups':
      return <FollowUpsView />;
    case 'surveys':
      if (second && third === 'results') return <SurveyResultsView surveyId={second} />;
      return <SurveysView surveyId={second || undefined} />;
    case 'responses':
      return <ResponsesView />;
    case 'audience':
      return <AudienceView />;
    case 'customers':
      return second ? <CustomerProfileView customerId={second} /> : <CustomersView />;
    case 'settings':
      return <SettingsView />;
    default:
      return noPage();
  }
}

function Shell({
  sites,
  reloadSites,
  onSignOut,
}: {
  sites: Site[];
  reloadSites: () => Promise<void>;
  onSignOut: () => void;
}) {
  const path = usePath();
  const [siteId, setSiteId] = useState(() => localStorage.getItem('moments:site') ?? '');
  const [periodKey, setPeriodKey] = useState<PeriodKey>(
    () => (localStorage.getItem('moments:period') as PeriodKey) || '90d',
  );
  const site = sites.find((s) => s.id === siteId) ?? sites[0]!;
  const period = useMemo(() => getPeriod(PERIODS[periodKey] ? periodKey : '90d'), [periodKey]);
  const value: Dashboard = {
    sites,
    site,
    setSiteId: (id) => {
      localStorage.setItem('moments:site', id);
      setSiteId(id);
    },
    reloadSites,
    period,
    setPeriodKey: (k) => {
      localStorage.setItem('moments:period', k);
      setPeriodKey(k);
    },
    filter: { from: period.from, to: period.to },
  };
  const title = NAV.find(([p]) => (p === '/' ? path === '/' : path.startsWith(p)))?.[1] ?? 'Moments';
  // On a phone the menu folds behind a "Menu" button (a disclosure); wider, the list is always shown.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    document.title = `${title} · ${site.name} · Moments`;
  }, [title, site.name]);
  return (
    <DashboardContext.Provider value={value}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <strong class="brand">Moments</strong>
        <label>
          <span class="sr-only">Site</span>
          <select value={site.id} onChange={(e) => value.setSiteId(e.currentTarget.value)}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="sr-only">Period</span>
          <select value={period.key} onChange={(e) => value.setPeriodKey(e.currentTarget.value as PeriodKey)}>
            {Object.entries(PERIODS).map(([k, p]) => (
              <option key={k} value={k}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="link" onClick={() => signOut().then(onSignOut)}>
          Sign out
        </button>
      </header>
      <div class="layout">
        <nav
          aria-label="Dashboard"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && menuOpen) {
              setMenuOpen(false);
              menuButton.current?.focus();
            }
          }}
        >
          <button
            type="button"
            class="menu-toggle"
            ref={menuButton}
            aria-expanded={menuOpen}
            aria-controls="nav-list"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> Menu
            <span class="menu-current" aria-hidden="true">
              {title}
            </span>
          </button>
          <ul id="nav-list" class={menuOpen ? 'open' : undefined}>
            {NAV.map(([p, label]) => {
              const current = p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`);
              return (
                <li key={p}>
                  <a
                    href={`/app${p === '/' ? '' : p}`}
                    onClick={(e) => {
                      onLinkClick(e);
                      // The folded menu closes on a choice: focus goes on to the page, not lost with the list.
                      if (menuOpen && e.defaultPrevented) {
                        setMenuOpen(false);
                        // Without scrolling: the list is still open here, and the page starts at its top.
                        document.getElementById('main')?.focus({ preventScroll: true });
                      }
                    }}
                    aria-current={current ? 'page' : undefined}
                  >
                    {label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <View key={`${site.id}`} path={path} />
        </main>
      </div>
    </DashboardContext.Provider>
  );
}

/** Signed out: the sign-in; signed in: the sites, then the dashboard. */
export function App() {
  const [signedIn, setSignedIn] = useState<boolean>();
  const [sites, setSites] = useState<Site[]>();
  const [error, setError] = useState<unknown>();
  const loadSites = useCallback(async () => {
    try {
      setSites((await api.listSites()).sites);
      setError(undefined);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    isSignedIn().then(setSignedIn, () => setSignedIn(false));
    const out = () => setSignedIn(false);
    addEventListener(SIGNED_OUT_EVENT, out);
    return () => removeEventListener(SIGNED_OUT_EVENT, out);
  }, []);
  useEffect(() => {
    if (signedIn) void loadSites();
  }, [signedIn, loadSites]);
  if (signedIn === undefined) return <Loading what="Starting" />;
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  if (error) return <ErrorNote error={error} retry={loadSites} />;
  if (!sites) return <Loading what="Loading your sites" />;
  if (!sites.length)
    return (
      <main class="signin">
        <Empty>
          No site yet. Create one with <code>POST /v1/sites</code> (see <code>/v1/openapi.json</code>), then
          reload.
        </Empty>
      </main>
    );
  return <Shell sites={sites} reloadSites={loadSites} onSignOut={() => setSignedIn(false)} />;
}
