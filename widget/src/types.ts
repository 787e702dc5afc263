import type { CustomerRef, SiteConfig } from '@moments/shared';

export type WidgetSurvey = SiteConfig['surveys'][number];
/** The customer as `moments('identify', …)` names them: the same shape the API takes. */
export type Identity = CustomerRef;

/** What the loader hands the survey chunk when a survey is due. */
export interface MountOptions {
  survey: WidgetSurvey;
  config: SiteConfig;
  /** `{server}/v1/sites/{siteKey}` */
  api: string;
  identity?: Identity;
  anonymousId: string;
  locale: string;
  /** Called once the survey leaves the screen (answered, closed or withdrawn). */
  onClose: (how: 'answered' | 'dismissed' | 'opted_out') => void;
  /** Focus the survey at once (the customer asked for it, e.g. by a click). */
  focus?: boolean;
}

export interface MountedSurvey {
  /** Takes the survey off the screen without recording a dismissal (e.g. the route changed). */
  withdraw: () => void;
}
