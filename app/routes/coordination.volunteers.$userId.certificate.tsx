import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { FieldFrame } from "~/components/forms";
import { ErrorSummary, TextField, useValidatedForm } from "~/components/forms";
import { coordinationNotice } from "~/components/coordination/notices";
import { redirectWithNotice } from "~/utils/notice.server";
import { DateOnly } from "~/components/time";
import { requireUser } from "~/modules/auth/session.server";
import { notFound } from "~/modules/permissions/guards.server";
import {
  certificateSchema,
  CertificateSchema,
  RevokeSchema,
} from "~/modules/verification/verification.schema";
import { requireVolunteerCertificate } from "~/modules/verification/queries.server";
import { revokeCertificate, verifyCertificate } from "~/modules/verification/commands.server";
import { getDb } from "~/utils/db.server";
import { validateFormData } from "~/utils/form-validation";

export const handle = { i18n: ["common", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.person.displayName} · miteinander` : "miteinander" },
];

function userIdParam(params: Record<string, string | undefined>): string {
  const id = params.userId ?? "";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  return { person: requireVolunteerCertificate(getDb(), user, userIdParam(params)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const userId = userIdParam(params);
  const db = getDb();
  requireVolunteerCertificate(db, user, userId);
  const formData = await request.formData();
  const back = `/coordination/volunteers/${userId}/certificate`;
  if (formData.get("intent") === "revoke") {
    const result = validateFormData(formData, RevokeSchema);
    if (!result.success) return data(result, { status: 400 });
    revokeCertificate(db, user, userId, result.data.reason);
    return redirectWithNotice(back, coordinationNotice("certificate-revoke"));
  }
  // The date is judged against today, not against the day the server started.
  const result = validateFormData(formData, certificateSchema());
  if (!result.success) return data(result, { status: 400 });
  verifyCertificate(db, user, userId, result.data.validUntil);
  return redirectWithNotice(back, coordinationNotice("certificate-verify"));
}

export default function CertificatePage() {
  const { person } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The revoke form's answer: its only field is the reason.
  const revokeValues = actionData?.values.intent === "revoke" ? actionData.values : null;
  const reasonError = revokeValues ? actionData?.errors.reason : undefined;
  const { t } = useTranslation("coordination");
  const form = useValidatedForm({
    id: "certificate",
    schema: CertificateSchema,
    actionData,
    defaultValues: { intent: "verify", validUntil: "" },
  });
  return (
    <div className="page">
      <p>
        <Link to="/coordination/verification">
          <BackArrow /> {t("verification.back")}
        </Link>
      </p>
      <h1>{t("certificate.title", { name: person.displayName })}</h1>
      <p className="lead">{t("certificate.intro")}</p>
      <dl className="facts-grid">
        <dt>{t("certificate.email")}</dt>
        <dd>{person.email}</dd>
        <dt>{t("verification.home")}</dt>
        <dd>{person.homeNeighbourhoodName ?? "–"}</dd>
        <dt>{t("verification.state")}</dt>
        <dd>
          {person.validUntil ? (
            <>
              {t(person.valid ? "certificate.validUntil" : "certificate.expiredOn")}{" "}
              <DateOnly value={person.validUntil} />
              {person.verifiedByName ? ` · ${t("organisation.by", { name: person.verifiedByName })}` : null}
            </>
          ) : (
            t("certificate.none")
          )}
        </dd>
      </dl>

      <h2>{person.validUntil ? t("certificate.renew") : t("certificate.record")}</h2>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" {...form.rhf.register("intent")} value="verify" />
        <TextField
          form={form}
          name="validUntil"
          type="date"
          label={t("certificate.validUntilLabel")}
          hint={t("certificate.validUntilHint")}
          required
        />
        <button type="submit" className="button">
          {t("certificate.submit")}
        </button>
      </Form>

      {person.verifiedAt ? (
        <Form method="post" className="decision-form">
          <h2>{t("certificate.revokeTitle")}</h2>
          <p>{t("certificate.revokeExplained")}</p>
          <FieldFrame id="certificate-reason" label={t("organisation.reason")} error={reasonError}>
            {(control) => (
              <input
                {...control}
                name="reason"
                maxLength={300}
                defaultValue={
                  revokeValues && typeof revokeValues.reason === "string" ? revokeValues.reason : ""
                }
              />
            )}
          </FieldFrame>
          <button type="submit" name="intent" value="revoke" className="button button--secondary">
            {t("certificate.revoke")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
