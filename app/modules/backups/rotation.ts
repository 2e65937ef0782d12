/**
 * Which backups to keep: the newest of each of the last `daily` days that have one, and the newest of
 * each of the last `weekly` ISO weeks that have one (days and weeks in Berlin time). Pure, so the
 * policy is tested without files.
 */
import { zonedIsoDate } from "~/utils/time";

export interface RotationPolicy {
  daily: number;
  weekly: number;
}

export interface BackupFile {
  name: string;
  /** When the backup was taken (epoch ms). */
  takenAt: number;
}

/** The ISO week ("2026-W48") of a Berlin calendar date. */
export function isoWeekOf(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** Splits the files into the ones the policy keeps and the ones to delete. */
export function rotateBackups(
  files: readonly BackupFile[],
  policy: RotationPolicy,
): { keep: BackupFile[]; remove: BackupFile[] } {
  const newestFirst = [...files].sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
  const keep = new Set<BackupFile>();
  const pick = (periodOf: (file: BackupFile) => string, count: number) => {
    const seen = new Set<string>();
    for (const file of newestFirst) {
      const period = periodOf(file);
      if (seen.has(period)) continue;
      if (seen.size >= count) break;
      seen.add(period);
      keep.add(file);
    }
  };
  pick((f) => zonedIsoDate(f.takenAt), policy.daily);
  pick((f) => isoWeekOf(zonedIsoDate(f.takenAt)), policy.weekly);
  return {
    keep: newestFirst.filter((f) => keep.has(f)),
    remove: newestFirst.filter((f) => !keep.has(f)),
  };
}
