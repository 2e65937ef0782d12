import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { FormMessage } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { DateOnly } from "~/components/time";
import {
  assertCan,
  loadOrganisationResource,
  notFound,
  requireCan,
} from "~/modules/permissions/guards.server";
import { listOrganisationsForReview } from "~/modules/organisations/verification.server";
import { verifyOrganisation } from "~/modules/verification/commands.server";
import { getDb } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";
import { useFormatList } from "~/components/use-format-list";

export const handle = { i18n: ["common", "auth", "home"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "verifyOrganisations") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination:access");
  const params = new URL(request.url).searchParams;
  const showAll = params.get("show") === "all";
  const page = Number(params.get("page") ?? "1");
  return { ...listOrganisationsForReview(getDb(), user, { onlyUnverified: !showAll, page }), showAll };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination:access");
  const formData = await request.formData();
  const raw = formData.get("organisationId");
  const id = typeof raw === "string" && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  const resource = Number.isSafeInteger(id) ? loadOrganisationResource(getDb(), id) : null;
  if (!resource) throw notFound();
  assertCan(user, "organisation:verify", resource);
  // One verification command for the hub: it audits with the neighbourhood and notifies the owners.
  const done = verifyOrganisation(getDb(), user, id);
  // Back to the same list and page.
  const { pathname, search } = new URL(request.url);
  return done
    ? redirectWithNotice(`${pathname}${search}`, { key: "home:verify.done" })
    : data({ notice: "verify.already" as const }, { status: 409 });
}

export default function VerifyOrganisationsPage() {
  const { organisations, total, page, pageCount, showAll } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation(["home", "auth"]);
  const formatList = useFormatList();
  return (
    <div className="page page--wide">
      <p>
        <Link to="/coordination">
          <BackArrow /> {t("coordination.back")}
        </Link>
      </p>
      <h1>{t("verify.title")}</h1>
      <p>{t("verify.intro")}</p>
      <p>
        {showAll ? (
          <Link to="?">{t("verify.showUnverified")}</Link>
        ) : (
          <Link
            to={`?${new URLSearchParams({ ...Object.fromEntries(searchParams), show: "all", page: "1" })}`}
          >
            {t("verify.showAll")}
          </Link>
        )}
      </p>
      {actionData ? <FormMessage>{t(actionData.notice)}</FormMessage> : null}
      {organisations.length === 0 ? (
        <p className="empty">{t("verify.none")}</p>
      ) : (
        <p className="list-summary">{t("verify.count", { count: total })}</p>
      )}
      <ul className="card-list">
        {organisations.map((org) => (
          <li key={org.id} className="card">
            <h2 className="card__title h3">{org.name}</h2>
            <p className="card__eyebrow">
              {t(`auth:kinds.${org.kind}`)} · {t("verify.registered")} <DateOnly value={org.createdAt} />
            </p>
            <dl className="facts-grid">
              <dt>{t("verify.owners")}</dt>
              <dd>{formatList(org.ownerNames) || "—"}</dd>
              <dt>{t("auth:fields.email")}</dt>
              <dd>{org.email ?? "—"}</dd>
              <dt>{t("verify.website")}</dt>
              <dd>{org.website ?? "—"}</dd>
            </dl>
            {org.description ? <p className="prose">{org.description}</p> : null}
            {org.verifiedAt ? (
              <p className="highlight">
                {t("verify.verifiedOn")} <DateOnly value={org.verifiedAt} />
              </p>
            ) : (
              <Form method="post">
                <input type="hidden" name="organisationId" value={org.id} />
                <button type="submit" className="button">
                  {t("verify.submit", { name: org.name })}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <Pagination
        page={page}
        pageCount={pageCount}
        hrefFor={(p) => {
          const params = new URLSearchParams(searchParams);
          if (p === 1) params.delete("page");
          else params.set("page", String(p));
          return `?${params}`;
        }}
        labels={{
          nav: t("verify.pagination"),
          previous: t("verify.previous"),
          next: t("verify.next"),
          current: t("verify.pageOf", { page, pageCount }),
        }}
      />
    </div>
  );
}
