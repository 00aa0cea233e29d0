import type { KernelEnv } from '../kernel-env';
import type { LatencyModel } from '../latency';
import type { Network } from '../network';
import type { Remote } from '../remote';
import type { World } from '../world';
import { DAILY_LIMITS, type AccountType } from '../quotas';
import { createCacheService } from './cache';
import { createDriveApp } from './drive';
import { createHtmlService } from './html';
import { LockServiceFacade } from './lock';
import { createMailApp } from './mail';
import { createPropertiesService } from './properties';
import { createSession } from './session';
import { createSpreadsheetApp } from './spreadsheet';
import { CHARTS_ENUMS } from './spreadsheet/facade-chart';
import { createUtilities } from './utilities';
import { ScriptAppFacade } from './script-app';
import { UrlFetchAppFacade } from './url-fetch';

/** appsscript.json, as far as the runtime reads it. */
export interface Manifest {
  timeZone: string;
  runtimeVersion?: string;
  exceptionLogging?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
}

export interface RuntimeServices {
  network: Network;
  latency: LatencyModel;
  manifest: Manifest;
  bundleDir: string;
  account: AccountType;
}

/** Makes a service's root object for one execution. */
export type ServiceFactory = (env: KernelEnv, world: World, rt: RuntimeServices) => Remote;

export const builtinServices: Record<string, ServiceFactory> = {
  SpreadsheetApp: (env, world) => createSpreadsheetApp(env, world),
  UrlFetchApp: (env, _world, rt) =>
    new UrlFetchAppFacade(env, { network: rt.network, latency: rt.latency, allowList: rt.manifest.urlFetchWhitelist ?? [] }),
  LockService: (env, world) => new LockServiceFacade(env, world),
  ScriptApp: (env, world) => new ScriptAppFacade(env, world),
  Utilities: (env, world) => createUtilities(env, world),
  PropertiesService: (env, world) => createPropertiesService(env, world),
  CacheService: (env, world) => createCacheService(env, world),
  Session: (env, world) => createSession(env, world),
  HtmlService: (env, world, rt) => createHtmlService(env, world, rt.bundleDir),
  MailApp: (env, world, rt) => createMailApp(env, world, { dailyRecipientLimit: DAILY_LIMITS[rt.account].email }),
  DriveApp: (env, world) => createDriveApp(env, world),
};

/** Plain-data globals of Apps Script. */
export const dataGlobals = {
  /** The Charts service's enums (Charts.ChartType.COMBO …), for Sheet.newChart().setChartType. */
  Charts: CHARTS_ENUMS,
  MimeType: {
    CSV: 'text/csv',
    GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
    HTML: 'text/html',
    JSON: 'application/json',
    JAVASCRIPT: 'application/javascript',
    PDF: 'application/pdf',
    PLAIN_TEXT: 'text/plain',
    PNG: 'image/png',
    ZIP: 'application/zip',
    MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
};
