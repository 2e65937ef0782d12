import { redirect, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findOrganisationIdBySlug, requireOrganisation } from "~/modules/organisations/organisations.server";
import { can } from "~/modules/permissions/permissions";
import { getDb } from "~/utils/db.server";
import organisationStyles from "~/styles/organisation.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organisationStyles }];

export const handle = { i18n: ["common", "organisations", "events"] };

/** The frame of an organisation's pages: its name, its state and the sections (tabs as links). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // Older links (and notifications) name the organisation by its slug.
  if (params.id && !/^[0-9]+$/.test(params.id)) {
    const id = findOrganisationIdBySlug(getDb(), params.id);
    if (id)
      throw redirect(
        new URL(request.url).pathname.replace(`/organisations/${params.id}`, `/organisations/${id}`),
      );
  }
  const { user, organisation, resource } = await requireOrganisation(
    getDb(),
    request,
    params,
    "organisation:read-private",
  );
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      verified: organisation.verifiedAt !== null,
    },
    may: {
      update: can(user, "organisation:update", resource),
      manageActivities: can(user, "organisation:manage-activities", resource),
      manageMembers: can(user, "organisation:manage-members", resource),
    },
  };
}

export default function OrganisationLayout() {
  const { organisation, may } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["organisations", "auth"]);
  const base = `/organisations/${organisation.id}`;
  return (
    <div className="page page--wide">
      <p className="card__eyebrow">
        <bdi>{organisation.name}</bdi> · {t(`auth:kinds.${organisation.kind}`)} ·{" "}
        {organisation.verified ? t("verified") : <strong>{t("unverified")}</strong>}
      </p>
      <nav aria-label={t("nav.label", { name: organisation.name })} className="tabs">
        <ul>
          <li>
            <NavLink to={base} end>
              {t("nav.profile")}
            </NavLink>
          </li>
          {may.manageActivities ? (
            <>
              <li>
                <NavLink to={`${base}/activities`}>{t("nav.activities")}</NavLink>
              </li>
              <li>
                <NavLink to={`/offers/organisation/${organisation.id}`}>{t("nav.offers")}</NavLink>
              </li>
            </>
          ) : null}
          {may.update ? (
            <li>
              <NavLink to={`${base}/places`}>{t("nav.places")}</NavLink>
            </li>
          ) : null}
          {may.manageMembers ? (
            <li>
              <NavLink to={`${base}/members`}>{t("nav.members")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
