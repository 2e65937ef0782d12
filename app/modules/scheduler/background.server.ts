import type { Db } from "@db/client";
import { BACKUP_EVERY_MS, BACKUP_JOB, runScheduledBackup } from "~/modules/backups/backups.server";
import {
  createSmtpTransport,
  deliverDueEmails,
  type DeliveryReport,
  type MailTransport,
} from "~/modules/notifications/delivery.server";
import { getMailConfig } from "~/modules/notifications/config.server";
import {
  CERTIFICATE_EXPIRING_JOB,
  PLAN_CERTIFICATE_REMINDERS_JOB,
  planCertificateReminders,
  sendCertificateReminder,
} from "./certificate-reminders.server";
import { geocoderAvailable } from "~/modules/outside/outside-config.server";
import { GEOCODE_ADDRESSES_JOB, geocodeAddressesJob } from "./geocoding.server";
import { RETENTION_JOB, runRetention } from "./retention.server";
import { errorFields, logger } from "~/utils/logger.server";
import { URGENT_WAVE_JOB } from "~/modules/reach/start.server";
import { ALERT_DIGEST_JOB, runAlertDigests } from "~/modules/reach/alert-digests.server";
import { PLAN_URGENT_REACH_JOB, planUrgentReach, runUrgentWave } from "~/modules/reach/wave-jobs.server";
import { ensurePeriodicJobs, type PeriodicJob } from "./schedule.server";
import {
  newWorkerId,
  runDueAsyncJobs,
  runDueJobs,
  type AsyncJobHandlers,
  type JobHandlers,
  type RunReport,
} from "./scheduler.server";
import {
  PLAN_SHIFT_REMINDERS_JOB,
  planShiftReminders,
  SHIFT_REMINDER_JOB,
  sendShiftReminder,
} from "./shift-reminders.server";

const MINUTE_MS = 60 * 1000;

/** Every kind of persisted job this app runs. */
export const JOB_HANDLERS: JobHandlers = {
  [SHIFT_REMINDER_JOB]: sendShiftReminder,
  [PLAN_SHIFT_REMINDERS_JOB]: ({ tx, now }) => void planShiftReminders(tx, now),
  [CERTIFICATE_EXPIRING_JOB]: sendCertificateReminder,
  [PLAN_CERTIFICATE_REMINDERS_JOB]: ({ tx, now }) => void planCertificateReminders(tx, now),
  [RETENTION_JOB]: runRetention,
  [URGENT_WAVE_JOB]: runUrgentWave,
  [PLAN_URGENT_REACH_JOB]: ({ tx, now }) => void planUrgentReach(tx, now),
  [ALERT_DIGEST_JOB]: (context) => void runAlertDigests(context),
};

/** The jobs that await or run long (ADR 070): they run after the quick ones, one at a time. */
export const ASYNC_JOB_HANDLERS: AsyncJobHandlers = {
  [BACKUP_JOB]: runScheduledBackup,
  [GEOCODE_ADDRESSES_JOB]: geocodeAddressesJob,
};

export const PERIODIC_JOBS: readonly PeriodicJob[] = [
  { kind: PLAN_SHIFT_REMINDERS_JOB, everyMs: 15 * MINUTE_MS },
  { kind: PLAN_CERTIFICATE_REMINDERS_JOB, everyMs: 24 * 60 * MINUTE_MS },
  { kind: RETENTION_JOB, everyMs: 24 * 60 * MINUTE_MS },
  { kind: BACKUP_JOB, everyMs: BACKUP_EVERY_MS },
  // Needs that became urgent (or soon) without the app's forms: the arrivals plan, an import.
  { kind: PLAN_URGENT_REACH_JOB, everyMs: 5 * MINUTE_MS },
  // Volunteers' digests of new fitting shifts and needs: each person once per day or week (from 07:00).
  { kind: ALERT_DIGEST_JOB, everyMs: 60 * MINUTE_MS },
];

/** Only with a geocoder: new addresses are looked up within about a minute of being saved. */
export const GEOCODING_JOB: PeriodicJob = { kind: GEOCODE_ADDRESSES_JOB, everyMs: MINUTE_MS };

/** The periodic jobs this installation runs now (geocoding only when GEOCODER_URL is set). */
export function periodicJobs(): readonly PeriodicJob[] {
  return geocoderAvailable() ? [...PERIODIC_JOBS, GEOCODING_JOB] : PERIODIC_JOBS;
}

export interface BackgroundOptions {
  /** A connection of its own is best: the worker then never waits on a request's statement. */
  db: Db;
  /** Defaults to SMTP_URL; null or no SMTP_URL: e-mails stay in the outbox. */
  transport?: MailTransport | null;
  /** How often the loop wakes up. */
  intervalMs?: number;
  now?: () => number;
  workerId?: string;
  /** Called after each round, e.g. for a test to observe progress. */
  onTick?: (report: { jobs: RunReport; slowJobs: RunReport; mail: DeliveryReport }) => void;
  /** The periodic jobs to ensure (default periodicJobs()). */
  periodic?: readonly PeriodicJob[];
  /** Handlers of slow jobs (default ASYNC_JOB_HANDLERS). */
  asyncHandlers?: AsyncJobHandlers;
}

export interface BackgroundWork {
  workerId: string;
  /** Runs one round now (what the timer does). */
  tick(): Promise<void>;
  /**
   * Stops the timer; a round in progress finishes the job it is running and starts no other (claimed
   * jobs it did not start are handed back). Resolves when it has.
   */
  stop(): Promise<void>;
}

/**
 * The in-process background loop: every `intervalMs` it makes sure the periodic jobs of the current
 * period exist, runs due jobs (reminders, retention) and delivers due e-mails. Rounds never
 * overlap. Several processes may run it on the same database (see the ADRs on claiming).
 */
export function createBackgroundWork(options: BackgroundOptions): BackgroundWork {
  const now = options.now ?? Date.now;
  const workerId = options.workerId ?? newWorkerId();
  const smtpUrl = getMailConfig().smtpUrl;
  const transport =
    options.transport !== undefined ? options.transport : smtpUrl ? createSmtpTransport(smtpUrl) : null;
  const intervalMs = options.intervalMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const shouldStop = () => stopped;

  async function round(): Promise<void> {
    ensurePeriodicJobs(options.db, options.periodic ?? periodicJobs(), now());
    const jobs = runDueJobs({ db: options.db, handlers: JOB_HANDLERS, workerId, now, shouldStop });
    const mail = stopped
      ? { sent: 0, retrying: 0, failed: 0, recovered: 0 }
      : await deliverDueEmails({ db: options.db, transport, now });
    const slowJobs = await runDueAsyncJobs({
      db: options.db,
      handlers: options.asyncHandlers ?? ASYNC_JOB_HANDLERS,
      workerId,
      now,
      shouldStop,
    });
    options.onTick?.({ jobs, slowJobs, mail });
  }

  function tick(): Promise<void> {
    if (running) return running;
    running = round()
      .catch((error: unknown) =>
        logger().error(errorFields(error), "background work failed; retrying next round"),
      )
      .finally(() => {
        running = undefined;
        if (timer) clearTimeout(timer);
        if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
      });
    return running;
  }

  // The first round runs right away, so reminders missed during a restart go out promptly.
  timer = setTimeout(() => void tick(), 0);

  return {
    workerId,
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport?.close?.();
    },
  };
}

let current: BackgroundWork | undefined;

/** Starts the background loop of this process (once). Called from server/main.ts. */
export function startBackgroundWork(options: BackgroundOptions): BackgroundWork {
  if (!current) current = createBackgroundWork(options);
  return current;
}

export async function stopBackgroundWork(): Promise<void> {
  const work = current;
  current = undefined;
  await work?.stop();
}
