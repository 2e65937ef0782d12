import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { FieldFrame } from "~/components/forms";
import { coordinationNotice } from "~/components/coordination/notices";
import { redirectWithNotice } from "~/utils/notice.server";
import { DateOnly } from "~/components/time";
import { requireUser } from "~/modules/auth/session.server";
import { requireIdParam } from "~/modules/permissions/guards.server";
import { OrganisationDecisionSchema } from "~/modules/verification/organisation-decision.schema";
import { decideOrganisation } from "~/modules/verification/commands.server";
import { requireOrganisationForVerification } from "~/modules/verification/queries.server";
import { getDb } from "~/utils/db.server";
import { validateFormData } from "~/utils/form-validation";
import { useFormatList } from "~/components/use-format-list";

export const handle = { i18n: ["common", "auth", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const organisation = requireOrganisationForVerification(getDb(), user, requireIdParam(params));
  return { organisation };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  requireOrganisationForVerification(getDb(), user, id);
  const formData = await request.formData();
  formData.set("organisationId", String(id));
  const result = validateFormData(formData, OrganisationDecisionSchema);
  if (!result.success) return data(result, { status: 400 });
  return redirectWithNotice(
    `/coordination/organisations/${id}`,
    coordinationNotice(decideOrganisation(getDb(), user, result.data)),
  );
}

export default function OrganisationVerificationPage() {
  const { organisation: org } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reasonError = actionData?.errors.reason;
  const { t } = useTranslation(["coordination", "auth"]);
  const formatList = useFormatList();
  return (
    <div className="page">
      <p>
        <Link to="/coordination/verification">
          <BackArrow /> {t("verification.back")}
        </Link>
      </p>
      <h1>{org.name}</h1>
      <dl className="facts-grid">
        <dt>{t("organisation.kind")}</dt>
        <dd>{t(`auth:kinds.${org.kind}`)}</dd>
        <dt>{t("organisation.neighbourhoods")}</dt>
        <dd>{formatList(org.neighbourhoodNames) || t("verification.noNeighbourhood")}</dd>
        <dt>{t("organisation.owners")}</dt>
        <dd>{formatList(org.owners.map((o) => `${o.displayName} (${o.email})`)) || "–"}</dd>
        {org.email ? (
          <>
            <dt>{t("organisation.email")}</dt>
            <dd>{org.email}</dd>
          </>
        ) : null}
        {org.phone ? (
          <>
            <dt>{t("organisation.phone")}</dt>
            <dd>{org.phone}</dd>
          </>
        ) : null}
        {org.website ? (
          <>
            <dt>{t("organisation.website")}</dt>
            <dd>{org.website}</dd>
          </>
        ) : null}
        <dt>{t("verification.registered")}</dt>
        <dd>
          <DateOnly value={org.createdAt} />
        </dd>
        <dt>{t("organisation.state")}</dt>
        <dd>
          {org.verifiedAt ? (
            <>
              {t("organisation.verifiedOn")} <DateOnly value={org.verifiedAt} />
              {org.verifiedByName ? ` · ${t("organisation.by", { name: org.verifiedByName })}` : null}
            </>
          ) : (
            t("organisation.unverified")
          )}
        </dd>
      </dl>
      {org.description ? <p className="prose">{org.description}</p> : null}

      <Form method="post" className="decision-form">
        {org.verifiedAt ? (
          <>
            <p>{t("organisation.revokeExplained")}</p>
            <FieldFrame id="revoke-reason" label={t("organisation.reason")} error={reasonError}>
              {(control) => (
                <input
                  {...control}
                  name="reason"
                  maxLength={300}
                  defaultValue={typeof actionData?.values.reason === "string" ? actionData.values.reason : ""}
                />
              )}
            </FieldFrame>
            <button type="submit" name="intent" value="revoke" className="button button--secondary">
              {t("organisation.revoke")}
            </button>
          </>
        ) : (
          <>
            <p>{t("organisation.verifyExplained")}</p>
            <button type="submit" name="intent" value="verify" className="button">
              {t("organisation.verify")}
            </button>
          </>
        )}
      </Form>
    </div>
  );
}
