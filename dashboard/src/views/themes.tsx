import { SCORE_TONE, type Themes } from '@moments/shared';
import { api } from '../api.js';
import { Bar } from '../components/stat.js';
import { Empty, Loaded } from '../components/states.js';
import { fmt, fmtPct } from '../format.js';
import { onLinkClick } from '../router.js';
import { useDashboard, useLoad } from '../state.js';

/** What a mean rests on: "(1 answer)", "(12 answers)". */
const answersOf = (n: number | undefined) => (n == null ? '' : ` (${fmt(n)} answer${n === 1 ? '' : 's'})`);

/** What a theme's tag rests on, in words: "by their NPS", and the words' own tone where it differs. */
function ToneBasis({ th }: { th: Themes['themes'][number] }) {
  const from = th.toneFrom;
  const basis =
    from === 'words'
      ? 'by the words of the comments (too few gave a score)'
      : from === 'nps'
        ? `by their average NPS answer, ${fmt(th.meanNps, 1)} of 10`
        : `by their average CSAT, ${fmt(th.meanCsat, 2)} of 5`;
  return (
    <p class="muted small" data-testid="tone-basis">
      Tagged {th.tone} {basis}
      {from !== 'words' && th.wordsTone !== th.tone ? `; their words alone read ${th.wordsTone}` : ''}.
    </p>
  );
}

export function ThemesView() {
  const { site, filter } = useDashboard();
  const load = useLoad(() => api.getThemes(site.id, filter), [site.id, filter.from, filter.to]);
  return (
    <section aria-labelledby="h-themes">
      <h1 id="h-themes">Themes</h1>
      <p class="lead">What customers keep saying in their comments, with the scores of those who said it.</p>
      <p class="muted small" data-testid="tone-rule">
        A theme's tag follows the scores of those who raised it: an average NPS answer under{' '}
        {SCORE_TONE.nps.negative} is negative, {SCORE_TONE.nps.positive} or more positive (CSAT: under{' '}
        {SCORE_TONE.csat.negative}, {SCORE_TONE.csat.positive} or more), by the score more of them gave. The
        words of the comments set it only where fewer than two gave a score.
      </p>
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
                  <li key={th.theme} class="card" data-theme={th.theme}>
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
                    <ToneBasis th={th} />
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
