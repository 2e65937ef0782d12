/** The dashboard's windows and thresholds, shared by the server queries and the page texts. Pure. */
export const DASHBOARD_WEEKS = 26;
export const SHIFT_HORIZON_HOURS = 72;
export const CERTIFICATE_HORIZON_DAYS = 60;
/** Activity drop: the last 4 weeks' weekly average below this share of the 12 weeks before … */
export const ACTIVITY_DROP_SHARE = 0.3;
/** … provided those 12 weeks held at least this many hours (1 h a week): otherwise there is no base. */
export const ACTIVITY_DROP_MIN_BASE_HOURS = 12;
/** How many rows of each list the dashboard shows; the link leads to all of them. */
export const DASHBOARD_LIST_LIMIT = 8;
