/**
 * The default first steps of a town in North Rhine-Westphalia, in plain language in the five UI
 * languages. An admin installs them with one click (`/admin/first-steps`) and adapts them; the demo and
 * city seeds install the same set. Lead times follow what the law or the offices expect (registration
 * within two weeks, school from the first days, Kita and doctors in the first weeks) and what helps a
 * household to arrive. Pure data.
 */
import { FIRST_DAYS } from "./default-templates/first-days";
import { FOR_CHILDREN } from "./default-templates/children";
import { SETTLING_IN } from "./default-templates/settling-in";
import type { DefaultTemplate } from "./default-templates/template";

/** In the order an admin sees them: one file per group of steps under default-templates/. */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [...FIRST_DAYS, ...FOR_CHILDREN, ...SETTLING_IN];
