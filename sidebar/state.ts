import type { call } from './bridge';

/** The server's answers, as the bridge types them. */
export type SidebarState = Awaited<ReturnType<typeof call<'getSidebarState'>>>;
export type PartnerView = SidebarState['partners'][number];
export type JobView = PartnerView['jobs'][number];
export type NextRun = Awaited<ReturnType<typeof call<'previewNextRun'>>>;
