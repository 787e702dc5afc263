import { render } from 'preact';
import { makeId } from '../loader/storage.js';
import type { MountedSurvey, MountOptions } from '../types.js';
import { type Answers, SurveyCard } from './card.js';
import { beaconOutbox, enqueue, flushOutbox as flush } from './outbox.js';
import { isRtl, LANGUAGES, loadStrings, pickLanguage } from './strings.js';
import { buildCss } from './styles.js';

let beaconBound = false;

/** Resends answers queued by earlier pages (the loader calls this when some wait). */
export function flushOutbox(): Promise<void> {
  return flush();
}

/** Shows a survey in a shadow root at the page's edge, and queues its display and answers. */
export function mountSurvey(o: MountOptions): MountedSurvey {
  if (!beaconBound) {
    beaconBound = true;
    addEventListener('pagehide', beaconOutbox);
  }
  const { survey, api } = o;
  const lang = pickLanguage(
    o.locale,
    [...Object.keys(survey.translations), ...LANGUAGES],
    survey.defaultLocale,
  );
  const strings = loadStrings(lang.split('-')[0]!);
  const host = document.createElement('moments-survey');
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(buildCss(o.config.site.theme));
  shadow.adoptedStyleSheets = [sheet];
  document.body.appendChild(host);

  // Keeps the survey above the on-screen keyboard on phones.
  const vv = window.visualViewport;
  const onViewport = () =>
    host.style.setProperty('--kb', `${Math.max(0, innerHeight - (vv?.height ?? innerHeight))}px`);
  vv?.addEventListener('resize', onViewport);

  const customer = o.identity ? { customer: o.identity } : {};
  const signal = (kind: 'shown' | 'dismissed' | 'opted_out') =>
    enqueue(api, 'displays', {
      id: makeId(),
      surveyId: survey.id,
      anonymousId: o.anonymousId,
      kind,
      createdAt: new Date().toISOString(),
      ...customer,
    });
  void signal('shown');

  let removed = false;
  const remove = () => {
    removed = true;
    vv?.removeEventListener('resize', onViewport);
    render(null, shadow);
    host.remove();
  };
  let answered = false;
  const send = (answers: Answers) => {
    const list = Object.entries(answers)
      .filter(([, v]) => v !== '' && !(Array.isArray(v) && !v.length))
      .map(([questionId, value]) => ({ questionId, value }));
    if (!list.length || answered) return;
    answered = true;
    void enqueue(api, 'responses', {
      id: makeId(),
      surveyId: survey.id,
      answers: list,
      anonymousId: o.anonymousId,
      moment: survey.moment,
      context: { url: location.href.slice(0, 2000) },
      locale: lang,
      createdAt: new Date().toISOString(),
      ...customer,
    });
  };

  void strings.then(({ default: t }) => {
    if (removed) return;
    render(
      <SurveyCard
        survey={survey}
        t={t}
        lang={lang}
        rtl={isRtl(lang)}
        focus={!!o.focus}
        onDone={(answers) => {
          send(answers);
          o.onClose('answered');
          setTimeout(remove, 4000);
        }}
        onClose={(answers, optOut) => {
          // What was answered before closing is kept: never lose an answer.
          send(answers);
          if (optOut) void signal('opted_out');
          else if (!answered) void signal('dismissed');
          remove();
          o.onClose(optOut ? 'opted_out' : answered ? 'answered' : 'dismissed');
        }}
      />,
      shadow,
    );
  });
  return { withdraw: remove };
}
