import { api } from '../api.js';
import { Bar } from '../components/stat.js';
import { Empty, Loaded } from '../components/states.js';
import { fmt, fmtPct } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard, useLoad } from '../state.js';

/** What a mean rests on: "(1 answer)", "(12 answers)". */
const answersOf = (n: number | undefined) => (n == null ? '' : ` (${fmt(n)} answer${n === 1 ? '' : 's'})`);

export function ThemesView() {
  const { site, filter } = useDashboard();
  const load = useLoad(() => api.getThemes(site.id, filter), [site.id, filter.from, filter.to]);
  return (
    <section aria-labelledby="h-themes">
      <h1 id="h-themes">Themes</h1>
      <p class="lead">What customers keep saying in their comments, with the scores of those who said it.</p>
      <Loaded load={load}>
        {(t) =>
          !t.themes.length ? (
            <Empty>
              No theme comes up in two comments or more in this period ({fmt(t.comments)} comments read).
            </Empty>
          ) : (
            <>
              <p class="muted small">From the latest {fmt(t.comments)} comments of the period.</p>
              <ul class="themes">
                {t.themes.map((th) => (
                  <li key={th.theme} class="card">
                    <div class="card-head">
                      <h2>{th.theme}</h2>
                      <span class={`pill ${th.tone}`}>{th.tone}</span>
                    </div>
                    <Bar value={th.share} label={`${fmtPct(th.share)} of comments`} />
                    <p class="small">
                      {fmt(th.count)} comments ({fmtPct(th.share)})
                      {th.meanNps != null &&
                        ` · their average NPS answer ${fmt(th.meanNps, 1)} of 10${answersOf(th.npsAnswers)}`}
                      {th.meanCsat != null &&
                        ` · average CSAT ${fmt(th.meanCsat, 2)} of 5${answersOf(th.csatAnswers)}`}{' '}
                      · sentiment {fmt(th.sentiment, 2)} (−1 to 1)
                    </p>
                    {th.examples.map((q) => (
                      <blockquote key={q}>{q}</blockquote>
                    ))}
                    <a
                      href={`/app/responses?${new URLSearchParams({ q: th.theme, hasComment: 'true' })}`}
                      onClick={onLinkClick}
                    >
                      Read the comments on “{th.theme}” with their scores
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
