import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  messageId: string | null;
  /** A header's value (unfolded), or null. */
  header(name: string): string | null;
}

export type Refusal = { code: number; message: string } | "hang" | null;

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Decides, per incoming message (0-based), whether the server refuses it after DATA. */
  refuse: (index: number) => Refusal;
  messageIds(): string[];
  close(): Promise<void>;
}

function unfoldHeaders(raw: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  return (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
}

/**
 * A real SMTP server on loopback (random free port), speaking plain SMTP without STARTTLS or AUTH.
 * It records every message it accepts. `refuse` can make it answer a message with an error reply
 * (e.g. 451) or not answer at all ("hang": the client times out after the server has the data).
 */
export async function startTestSmtpServer(
  refuse: (index: number) => Refusal = () => null,
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let incoming = 0;
  const state = { refuse };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // A "hang" test leaves a connection open; don't wait the default 30 s for it on close.
    closeTimeout: 200,
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const index = incoming++;
        const raw = Buffer.concat(chunks).toString("utf8");
        const decision = state.refuse(index);
        if (decision && decision !== "hang") {
          const error = new Error(decision.message) as Error & { responseCode: number };
          error.responseCode = decision.code;
          callback(error);
          return;
        }
        const headers = unfoldHeaders(raw);
        const header = (name: string) => {
          const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers);
          return match?.[1]?.trim() ?? null;
        };
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: header("Message-ID"),
          header,
        });
        // "hang": the server has the whole message but never replies — the ambiguous case.
        if (decision === "hang") return;
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    get refuse() {
      return state.refuse;
    },
    set refuse(fn) {
      state.refuse = fn;
    },
    messageIds: () => received.map((m) => m.messageId ?? ""),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
