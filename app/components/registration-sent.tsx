import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DemoOutboxHint } from "~/components/demo-outbox-hint";
import { FormMessage } from "~/components/forms";
import { isolate } from "~/utils/format";

/**
 * What a registration answers, whether the address was free or taken (the owner of a taken address
 * gets an e-mail instead of a confirmation link): check your inbox — in a demo, the outbox.
 */
export function RegistrationSent({ email }: { email: string }) {
  const { t } = useTranslation("auth");
  return (
    <>
      <FormMessage tone="success">{t("register.sent", { email: isolate(email) })}</FormMessage>
      <p>{t("register.sentHint")}</p>
      <DemoOutboxHint email={email} />
      <p>
        <Link to="/login">{t("register.toLogin")}</Link>
      </p>
    </>
  );
}
