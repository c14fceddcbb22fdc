/** "1:05", "1:02:03": a duration in whole seconds for people. */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const [h, m, sec] = hms.map((n) => String(n).padStart(2, '0'));
  return hms[0] ? `${hms[0]}:${m}:${sec}` : `${hms[1]}:${sec}`;
}

export const secondsSince = (instant, now = Date.now()) => (now - Date.parse(instant)) / 1000;
export const secondsUntil = (instant, now = Date.now()) => (Date.parse(instant) - now) / 1000;
