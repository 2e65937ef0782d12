/**
 * A delivery worker in its own process, for the two-process test in outbox-delivery.test.ts:
 * `node --import tsx outbox-worker.process.ts <db file> <smtp url>`. It prints "ready", waits for a
 * line on stdin (so both processes start delivering at the same moment), delivers until nothing is
 * due, and prints `{"sent": n}`.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { closeDatabase, openDatabase } from "@db/client";
import { createSmtpTransport, deliverDueEmails } from "~/modules/notifications/delivery.server";

const [dbPath, smtpUrl] = process.argv.slice(2);
if (!dbPath || !smtpUrl) throw new Error("usage: outbox-worker.process.ts <db file> <smtp url>");

const db = openDatabase(dbPath);
const transport = createSmtpTransport(smtpUrl);
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
await once(lines, "line");
lines.close();

let sent = 0;
for (;;) {
  // One message per call, so the two processes interleave claim by claim.
  const report = await deliverDueEmails({ db, transport, maxMessages: 1 });
  sent += report.sent;
  if (report.sent + report.retrying + report.failed === 0) break;
}
transport.close?.();
closeDatabase(db);
process.stdout.write(`${JSON.stringify({ sent })}\n`);
