/**
 * The thresholds of the Ehrenamtskarte NRW: volunteering of on average five hours a week, or 250 hours
 * a year, without pay beyond expenses. Pure constants, shown on the page and used by the computation.
 */
export const EHRENAMTSKARTE_HOURS_PER_WEEK = 5;
export const EHRENAMTSKARTE_HOURS_PER_YEAR = 250;
