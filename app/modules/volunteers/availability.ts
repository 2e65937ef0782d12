/**
 * The weekly availability grid: weekday × part of the day, as people say when they have time.
 * Pure (browser and server): the profile and offer forms show the grid, the DB stores minute windows.
 */

/** Weekday 0 = Monday … 6 = Sunday, as in the DB. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

export const DAYPARTS = ["morning", "afternoon", "evening"] as const;
export type Daypart = (typeof DAYPARTS)[number];

/**
 * Minutes since midnight (Europe/Berlin). Volunteering happens in the daytime and the evening; a
 * window is what someone ticks, not a promise for every minute of it.
 */
export const DAYPART_WINDOWS: Record<Daypart, readonly [start: number, end: number]> = {
  morning: [8 * 60, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 21 * 60],
};

export interface WeeklyWindow {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** The grid cell's form value, e.g. "0-morning". */
export type GridKey = `${number}-${Daypart}`;

export const GRID_KEY_PATTERN = /^[0-6]-(morning|afternoon|evening)$/;

export function gridKey(weekday: number, daypart: Daypart): GridKey {
  return `${weekday}-${daypart}`;
}

/** The cells a set of saved windows touches: a cell is ticked when any saved window overlaps it. */
export function windowsToGrid(windows: readonly WeeklyWindow[]): GridKey[] {
  const keys: GridKey[] = [];
  for (const weekday of WEEKDAYS) {
    for (const daypart of DAYPARTS) {
      const [start, end] = DAYPART_WINDOWS[daypart];
      const overlaps = windows.some(
        (w) => w.weekday === weekday && w.startMinute < end && w.endMinute > start,
      );
      if (overlaps) keys.push(gridKey(weekday, daypart));
    }
  }
  return keys;
}

/** Ticked cells as windows; neighbouring parts of one day merge (afternoon + evening = 12–21 h). */
export function gridToWindows(keys: readonly string[]): WeeklyWindow[] {
  const ticked = new Set(keys);
  const windows: WeeklyWindow[] = [];
  for (const weekday of WEEKDAYS) {
    let open: WeeklyWindow | null = null;
    for (const daypart of DAYPARTS) {
      const [start, end] = DAYPART_WINDOWS[daypart];
      if (!ticked.has(gridKey(weekday, daypart))) {
        open = null;
        continue;
      }
      if (open && open.endMinute === start) open.endMinute = end;
      else {
        open = { weekday, startMinute: start, endMinute: end };
        windows.push(open);
      }
    }
  }
  return windows;
}

/** True when the saved windows are exactly what the grid can show (otherwise saving rounds them). */
export function gridShowsExactly(windows: readonly WeeklyWindow[]): boolean {
  const roundTrip = gridToWindows(windowsToGrid(windows));
  const norm = (ws: readonly WeeklyWindow[]) =>
    mergeWindows(ws)
      .map((w) => `${w.weekday}:${w.startMinute}-${w.endMinute}`)
      .join(",");
  return norm(roundTrip) === norm(windows);
}

/** Per weekday, sorted and with overlapping or touching windows merged. */
export function mergeWindows(windows: readonly WeeklyWindow[]): WeeklyWindow[] {
  const sorted = [...windows].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  const merged: WeeklyWindow[] = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.weekday === w.weekday && w.startMinute <= last.endMinute) {
      last.endMinute = Math.max(last.endMinute, w.endMinute);
    } else merged.push({ ...w });
  }
  return merged;
}

/** "08:00" for 480. */
export function minuteToClock(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}
