import type { Lang } from '../sheet/schema';

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
