import { Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isolate } from "~/utils/format";

/**
 * In a demo without a mail server (see demoOutboxLogin): the e-mail just "sent" to `email` is in the
 * outbox, and this says how to read it there. Renders nothing in a real installation.
 */
export function DemoOutboxHint({ email }: { email: string }) {
  const { t } = useTranslation("auth");
  const login = useRouteLoaderData<{ demoOutbox?: { admin: string; password: string } | null }>(
    "root",
  )?.demoOutbox;
  if (!login) return null;
  return (
    <div className="notice">
      <p>
        <strong>{t("demoOutbox.label")}</strong>{" "}
        {t("demoOutbox.text", {
          email: isolate(email),
          admin: isolate(login.admin),
          password: isolate(login.password),
        })}
      </p>
      <p>
        <Link to="/admin/outbox">{t("demoOutbox.link")}</Link>
      </p>
    </div>
  );
}
