import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { coordinationNotice } from "~/components/coordination/notices";
import { redirectWithNotice } from "~/utils/notice.server";
import { DateOnly } from "~/components/time";
import { getServerT } from "~/modules/i18n/server-t.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { OrganisationDecisionSchema } from "~/modules/verification/organisation-decision.schema";
import { decideOrganisation } from "~/modules/verification/commands.server";
import { listVerificationQueue, searchVolunteers } from "~/modules/verification/queries.server";
import { getDb } from "~/utils/db.server";
import { validateFormData } from "~/utils/form-validation";
import { useFormatList } from "~/components/use-format-list";

export const handle = { i18n: ["common", "auth", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination:access");
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const db = getDb();
  return {
    ...listVerificationQueue(db, user),
    q,
    found: q ? searchVolunteers(db, user, q) : null,
    pageTitle: `${getServerT(user.locale, "coordination")("verification.title")} · miteinander`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination:access");
  const result = validateFormData(await request.formData(), OrganisationDecisionSchema);
  if (!result.success) return data(result, { status: 400 });
  return redirectWithNotice(
    "/coordination/verification",
    coordinationNotice(decideOrganisation(getDb(), user, result.data)),
  );
}

export default function VerificationQueuePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["coordination", "common", "auth"]);
  const formatList = useFormatList();
  return (
    <div className="page page--wide">
      <h1>{t("verification.title")}</h1>
      <p className="lead">{t("verification.intro")}</p>

      <section aria-labelledby="organisations" className="section">
        <h2 id="organisations">{t("verification.organisations", { count: data.organisationTotal })}</h2>
        {data.organisationTotal > data.organisations.length ? (
          <p className="hint">
            {t("verification.shownOf", { shown: data.organisations.length, count: data.organisationTotal })}{" "}
            <Link to="/coordination/organisations">{t("verification.allOrganisations")}</Link>
          </p>
        ) : null}
        {data.organisations.length === 0 ? (
          <p className="empty">{t("verification.noOrganisations")}</p>
        ) : (
          <ul className="card-list">
            {data.organisations.map((org) => (
              <li key={org.id} className="card">
                <h3 className="card__title">
                  <Link to={`/coordination/organisations/${org.id}`}>{org.name}</Link>
                </h3>
                <p className="muted">
                  {t(`auth:kinds.${org.kind}`)} ·{" "}
                  {formatList(org.neighbourhoodNames) || t("verification.noNeighbourhood")}
                  {" · "}
                  {t("verification.registered")} <DateOnly value={org.createdAt} />
                </p>
                {org.ownerNames.length > 0 ? (
                  <p>{t("verification.owners", { names: formatList(org.ownerNames) })}</p>
                ) : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="organisationId" value={org.id} />
                  <button type="submit" name="intent" value="verify" className="button button--small">
                    {t("verification.verifyOrganisation", { name: org.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="certificates" className="section">
        <h2 id="certificates">{t("verification.certificates", { count: data.certificateTotal })}</h2>
        {data.certificateTotal > data.certificates.length ? (
          <p className="hint">
            {t("verification.shownOf", { shown: data.certificates.length, count: data.certificateTotal })}
          </p>
        ) : null}
        {data.certificates.length === 0 ? (
          <p className="empty">{t("verification.noCertificates")}</p>
        ) : (
          <TableScroll labelledBy="certificates">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("verification.person")}</th>
                  <th scope="col">{t("verification.home")}</th>
                  <th scope="col">{t("verification.state")}</th>
                </tr>
              </thead>
              <tbody>
                {data.certificates.map((c) => (
                  <tr key={`${c.reason}-${c.userId}`}>
                    <th scope="row">
                      <Link to={`/coordination/volunteers/${c.userId}/certificate`}>{c.displayName}</Link>
                    </th>
                    <td>{c.homeNeighbourhoodName ?? "–"}</td>
                    <td>
                      {t(`verification.reason.${c.reason}`)}
                      {c.validUntil ? (
                        <>
                          {" "}
                          <DateOnly value={c.validUntil} />
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Form method="get" className="search-form" role="search" aria-labelledby="search-heading">
          <h3 id="search-heading" className="h3">
            {t("verification.searchTitle")}
          </h3>
          <div className="field">
            <label htmlFor="volunteer-q">{t("verification.searchLabel")}</label>
            <input id="volunteer-q" type="search" name="q" defaultValue={data.q} maxLength={100} />
          </div>
          <button type="submit" className="button button--secondary">
            {t("verification.search")}
          </button>
        </Form>
        {data.found ? (
          data.found.length === 0 ? (
            <p className="empty">{t("verification.noneFound")}</p>
          ) : (
            <ul>
              {data.found.map((v) => (
                <li key={v.userId}>
                  <Link to={`/coordination/volunteers/${v.userId}/certificate`}>{v.displayName}</Link>{" "}
                  <span className="muted">({v.email})</span>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>
    </div>
  );
}
