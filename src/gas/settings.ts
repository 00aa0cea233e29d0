import type { Lang } from '../sheet/schema';
import { AUTO_ACCEPT_CANCEL_KEY } from '../jobs/kept';

/** Per-document settings, kept in document properties (never in cells). */
export type Cadence = 'minute' | 'hour';

export interface Settings {
  lang: Lang;
  cadence: Cadence;
}

const DEFAULTS: Settings = { lang: 'ko', cadence: 'minute' };

export function readSettings(): Settings {
  const p = PropertiesService.getDocumentProperties().getProperties();
  return {
    lang: p.lang === 'en' ? 'en' : DEFAULTS.lang,
    cadence: p.cadence === 'hour' ? 'hour' : DEFAULTS.cadence,
  };
}

export function writeSetting<K extends keyof Settings>(key: K, value: Settings[K]): void {
  PropertiesService.getDocumentProperties().setProperty(key, value);
}


/** One property read, made only when a cancel request waits for that answer. */
export function readAutoAcceptCancel(): boolean {
  const v = PropertiesService.getDocumentProperties().getProperty(AUTO_ACCEPT_CANCEL_KEY);
  return v === null || !/^(false|off|no|f|n|0|끄기|꺼짐|아니오)$/i.test(v.trim());
}
