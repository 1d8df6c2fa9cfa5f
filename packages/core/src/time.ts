// Simulated time as Kubernetes shows it: RFC 3339 timestamps on a fixed simulated epoch.
// Pure arithmetic (no Date), so core never touches the wall clock even by accident.

/** Simulated time 0 is 2025-01-01T00:00:00Z, so timestamps look like a real cluster's. */
export const SIMULATED_EPOCH_MS = 1_735_689_600_000;

/** RFC 3339 (second precision, as metav1.Time prints) of epoch milliseconds. */
export function rfc3339(epochMs: number): string {
  const secs = Math.floor(epochMs / 1000);
  const days = Math.floor(secs / 86400);
  const rem = secs - days * 86400;
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const hh = Math.floor(rem / 3600);
  const mm = Math.floor((rem % 3600) / 60);
  const ss = rem % 60;
  return `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mm)}:${p2(ss)}Z`;
}

/** Epoch milliseconds of an RFC 3339 timestamp, or undefined when it does not parse. */
export function parseRfc3339(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}:\d{2})$/.exec(s);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  let ms = ((days * 24 + h) * 60 + mi) * 60000 + se * 1000 + Math.floor(Number(m[7] ?? 0) * 1000);
  const tz = m[8]!;
  if (tz !== 'Z' && tz !== 'z') {
    const sign = tz[0] === '-' ? -1 : 1;
    ms -= sign * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6))) * 60000;
  }
  return ms;
}

/** The RFC 3339 timestamp of a simulated instant. */
export function simulatedTimestamp(simMs: number): string {
  return rfc3339(SIMULATED_EPOCH_MS + simMs);
}
