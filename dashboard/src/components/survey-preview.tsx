import type { SurveyUpdate, Theme } from '@moments/shared';
import { BUILT_IN_STRINGS, buildCss, isRtl, SurveyCard } from '@moments/widget/preview';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

// The widget's card is fixed to a corner of the page; in the preview it sits in its box, as wide as
// the box allows (its own width counts from the screen's edges, which the box does not reach on a
// phone), and does not fade in again each time the editor redraws it.
const IN_BOX = '.card{position:relative;inset:auto;z-index:auto;animation:none;width:auto;max-width:400px}';

/**
 * The real survey card (the widget's own component and stylesheet) in a shadow root, redrawn as
 * the draft changes. Answers go nowhere: the preview has no outbox.
 */
export function SurveyPreview({
  survey,
  theme,
  lang,
}: {
  survey: SurveyUpdate & { id: string };
  theme: Theme;
  lang: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [round, setRound] = useState(0);
  const [ended, setEnded] = useState<string>();
  useEffect(() => {
    const el = host.current!;
    const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const base = new CSSStyleSheet();
    base.replaceSync(buildCss(theme));
    const box = new CSSStyleSheet();
    box.replaceSync(IN_BOX);
    shadow.adoptedStyleSheets = [base, box];
    const t = BUILT_IN_STRINGS[lang.split('-')[0]!] ?? BUILT_IN_STRINGS.en!;
    setEnded(undefined);
    render(
      <SurveyCard
        key={round}
        survey={survey}
        t={t}
        lang={lang}
        rtl={isRtl(lang)}
        focus={false}
        onDone={() => setEnded('Answered: the customer sees the thank-you, then the survey closes.')}
        onClose={(_a, optOut) =>
          setEnded(optOut ? 'The customer chose not to be asked again.' : 'The customer closed the survey.')
        }
      />,
      shadow,
    );
  }, [survey, theme, lang, round]);
  useEffect(() => () => host.current?.shadowRoot && render(null, host.current.shadowRoot), []);
  return (
    <div class="preview">
      <div ref={host} class="preview-host" data-testid="survey-preview" />
      {ended && <p class="muted small">{ended}</p>}
      <button type="button" onClick={() => setRound((r) => r + 1)}>
        Restart preview
      </button>
    </div>
  );
}
