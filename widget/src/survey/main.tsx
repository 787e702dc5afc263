import { render } from 'preact';
import { makeId, readJson, writeJson } from '../loader/storage.js';
import type { MountedSurvey, MountOptions } from '../types.js';
import { type Answers, SurveyCard } from './card.js';
import { enqueue } from './outbox.js';
import { isRtl, LANGUAGES, loadStrings, pickLanguage } from './strings.js';
import { buildCss } from './styles.js';

const PROGRESS_KEY = 'moments:progress';
/** How long an unfinished survey waits for the customer to come back to it. */
const KEEP_MS = 30 * 86_400_000;
type Progress = Record<string, { id: string; answers: Answers; createdAt: string; at: number }>;

/** Shows a survey in a shadow root at the page's edge, and queues its display and answers. */
export function mountSurvey(o: MountOptions): MountedSurvey {
  const { survey, api } = o;
  const lang = pickLanguage(
    o.locale,
    [...Object.keys(survey.translations), ...LANGUAGES],
    survey.defaultLocale,
  );
  const strings = loadStrings(lang.split('-')[0]!);
  // Where focus was when the survey opened: it goes back there when the survey closes with focus in it.
  const opener = document.activeElement as HTMLElement | null;
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

  // One response id for the whole survey, kept across visits until it is finished: each answer is
  // saved as it is given, sent (complete: false) when the customer leaves, and joined by the rest.
  const progress = readJson<Progress>(PROGRESS_KEY, {});
  const resumed = progress[survey.id];
  const started = resumed && Date.now() - resumed.at < KEEP_MS ? resumed : undefined;
  const responseId = started?.id ?? makeId();
  const createdAt = started?.createdAt ?? new Date().toISOString();
  // Only answers to questions the survey still asks: one edited since would refuse the whole send.
  let latest: Answers = {};
  for (const q of survey.questions)
    if (started?.answers[q.id] !== undefined) latest[q.id] = started.answers[q.id]!;
  let answered = false;
  let finished = false;
  const save = (answers: Answers, complete: boolean, hold: boolean) => {
    if (finished) return;
    const list = Object.entries(answers)
      .filter(([, v]) => v !== '' && !(Array.isArray(v) && !v.length))
      .map(([questionId, value]) => ({ questionId, value }));
    if (!list.length) return;
    answered = true;
    finished = complete;
    latest = answers;
    const p = readJson<Progress>(PROGRESS_KEY, {});
    if (complete) delete p[survey.id];
    else p[survey.id] = { id: responseId, answers, createdAt, at: Date.now() };
    writeJson(PROGRESS_KEY, p);
    void enqueue(
      api,
      'responses',
      {
        id: responseId,
        surveyId: survey.id,
        answers: list,
        anonymousId: o.anonymousId,
        moment: survey.moment,
        context: { url: location.href.slice(0, 2000) },
        locale: lang,
        createdAt,
        complete,
        ...customer,
      },
      hold,
    );
  };

  // The card's height, plus air, as room at the end of the page (the host is in its flow, the card
  // fixed in the corner): scrolled to the end, the page's last controls are above the card, not
  // under it. And as the page's scroll padding: a control focused by Tab is scrolled above it too.
  const html = document.documentElement.style;
  const padding = html.scrollPaddingBottom;
  const room = new ResizeObserver(([e]) => {
    const h = `${(e!.target as HTMLElement).offsetHeight + 32}px`;
    host.style.setProperty('--room', h);
    html.scrollPaddingBottom = h;
  });
  // Escape closes the survey from anywhere but the page's own fields, dialogs and open menus, and
  // when the page has not taken the key itself (preventDefault). From inside the shadow root the
  // target is the host: the survey's own textarea closes it too.
  const onKey = (e: KeyboardEvent) => {
    if (
      e.key === 'Escape' &&
      !e.defaultPrevented &&
      !(e.target as Element).closest?.(
        'input,textarea,select,[contenteditable],dialog,[role*=dialog],[aria-modal],[aria-expanded=true],[role^=menu],[role$=box]',
      )
    )
      close(latest, false);
  };
  addEventListener('keydown', onKey);

  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    vv?.removeEventListener('resize', onViewport);
    removeEventListener('keydown', onKey);
    room.disconnect();
    html.scrollPaddingBottom = padding;
    if (shadow.activeElement) opener?.focus();
    render(null, shadow);
    host.remove();
  };
  // Withdrawn (the route changed): what is answered so far goes now, as a partial response.
  const withdraw = () => {
    if (!removed) save(latest, false, false);
    remove();
  };

  // Closed by its button or Escape (a dismissal unless answered), or "don't ask again".
  const close = (answers: Answers, optOut: boolean) => {
    // What was answered before closing is kept: never lose an answer.
    save(answers, false, false);
    if (optOut) void signal('opted_out');
    else if (!answered) void signal('dismissed');
    remove();
    o.onClose(optOut ? 'opted_out' : answered ? 'answered' : 'dismissed');
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
        initial={latest}
        onAnswer={(answers) => save(answers, false, true)}
        onDone={(answers) => {
          save(answers, true, false);
          o.onClose('answered');
          setTimeout(remove, 4000);
        }}
        onClose={close}
      />,
      shadow,
    );
    // Room at the end of the page only for a card at the bottom.
    if (o.config.site.theme.position[0] === 'b') room.observe(shadow.firstChild as Element);
  });
  return { withdraw };
}
