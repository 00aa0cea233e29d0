/** How the sidebar says times, durations and counts, in Korean, in Seoul time. */
const clock = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', hour: '2-digit', minute: '2-digit', hour12: false });
const dayClock = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** "10:41", or "11. 24. 10:41" when not on the same Seoul day as `now`. */
export function timeText(ms: number | null, now: number): string {
  if (ms === null) return '–';
  const sameDay = seoulDay(ms) === seoulDay(now);
  return (sameDay ? clock : dayClock).format(new Date(ms));
}

function seoulDay(ms: number): number {
  return Math.floor((ms + 9 * 3_600_000) / 86_400_000);
}

/** "방금", "3분", "2시간 5분", "13일". */
export function durationText(ms: number | null): string {
  if (ms === null) return '–';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '방금';
  if (minutes < 60) return `${minutes}분`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours}시간 ${minutes % 60}분` : `${hours}시간`;
  return `${Math.floor(hours / 24)}일`;
}

/** When something runs next: "곧" once due. */
export function nextText(ms: number | null, now: number): string {
  if (ms === null) return '–';
  return ms <= now ? '곧' : timeText(ms, now);
}

export function countText(n: number): string {
  return n.toLocaleString('ko-KR');
}
