import { OWNER_KEY } from '../jobs/kept';
import { topic } from '../core/particle';

export function connectionOwner(): string | null {
  return PropertiesService.getDocumentProperties().getProperty(OWNER_KEY);
}

export function setConnectionOwner(email: string): void {
  PropertiesService.getDocumentProperties().setProperty(OWNER_KEY, email);
}

/** The account this execution runs as (a trigger: its owner; the sidebar: the person using it). */
export function currentUser(): string {
  return Session.getEffectiveUser().getEmail();
}

/** Why the current user may not act on the connection, or null when they may (the owner, or no owner yet). */
export function notOwnerReason(action: string, owner: string | null = connectionOwner(), me: string = currentUser()): string | null {
  if (owner === null || owner === me) return null;
  return `${topic(action)} 연결 담당자(${owner})만 할 수 있습니다. 채널의 비밀 정보와 토큰은 담당자 계정에만 보관됩니다`;
}
