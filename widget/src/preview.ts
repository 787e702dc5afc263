// The survey card itself, for the dashboard's live preview: the same component and stylesheet
// the widget shows customers, with every built-in language bundled (the dashboard has no budget).
import ar from './survey/lang/ar.js';
import de from './survey/lang/de.js';
import en from './survey/lang/en.js';
import es from './survey/lang/es.js';
import fr from './survey/lang/fr.js';
import he from './survey/lang/he.js';
import it from './survey/lang/it.js';
import ja from './survey/lang/ja.js';
import nl from './survey/lang/nl.js';
import pl from './survey/lang/pl.js';
import pt from './survey/lang/pt.js';
import sv from './survey/lang/sv.js';
import { type StringList, toList } from './survey/strings.js';

export { SurveyCard } from './survey/card.js';
export { isRtl } from './survey/strings.js';
export { buildCss } from './survey/styles.js';

/** Built-in strings by language, by number as the card reads them. */
export const BUILT_IN_STRINGS: Record<string, StringList> = Object.fromEntries(
  Object.entries({ ar, de, en, es, fr, he, it, ja, nl, pl, pt, sv }).map(([lang, t]) => [lang, toList(t)]),
);
