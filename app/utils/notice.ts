/**
 * A notice: what a page says once after a command has redirected to it ("Saved.", "3 helpers
 * proposed."). It travels in a signed cookie (notice.server.ts) and the root shows it in one place.
 * It is a translation key (`"namespace:key"`) with values chosen by the server — never text from the
 * client. docs/decisions/097-notices-and-form-kit.md
 */
import { z } from "zod";

const KEY = /^[a-z]+:[A-Za-z0-9_.-]{1,100}$/;

export const NoticeSchema = z.object({
  key: z.string().max(120).regex(KEY),
  values: z
    .record(z.string().max(40), z.union([z.number().finite(), z.string().max(200)]))
    .refine((values) => Object.keys(values).length <= 6)
    .optional(),
  /** "success" (the default) or "warning": a success that needs a second look. */
  tone: z.enum(["success", "warning"]).optional(),
  /** A next step offered with the notice: a same-site path and the key of its label. */
  link: z
    .object({
      href: z
        .string()
        .max(500)
        .regex(/^\/(?![/\\])[^\s\\]*$/),
      label: z.string().max(120).regex(KEY),
    })
    .optional(),
});

export type Notice = z.infer<typeof NoticeSchema>;

/** What the root loader hands the page: the notices and an id that changes with each redirect. */
export const FlashSchema = z.object({
  id: z.string().max(40),
  notices: z.array(NoticeSchema).min(1).max(3),
});

export type Flash = z.infer<typeof FlashSchema>;
