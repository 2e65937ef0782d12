/** The window of the Lagebild's arrival figures, shared by the figures, their list and the pages. Pure. */

/** Arrivals of the last 90 days (today included). */
export const LAGEBILD_DAYS = 90;
/** "Announced": arrivals still to come within this many days. */
export const UPCOMING_DAYS = 30;
