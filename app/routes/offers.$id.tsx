import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { BackArrow } from "~/components/back-arrow";
import { FormMessage } from "~/components/forms";
import { OfferForm } from "~/components/offer-form";
import { requireUser, type AuthUser } from "~/modules/auth/session.server";
import { offerFormValues } from "~/modules/offers/offer-form-values";
import { OFFER_STATUS_INTENTS, OfferSchema, type OfferStatusIntent } from "~/modules/offers/offers.schema";
import { changeOfferStatus, updateOffer } from "~/modules/offers/commands.server";
import { getOrganisationName, getOwnOffer, type OfferScope } from "~/modules/offers/queries.server";
import { notFound, requireIdParam } from "~/modules/permissions/guards.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { zonedIsoDate } from "~/utils/time";
import volunteerStyles from "~/styles/volunteer.css?url";
import { redirectWithNotice } from "~/utils/notice.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: volunteerStyles }];

export const handle = { i18n: ["common", "volunteer", "offers"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.offer.title ?? ""} · miteinander` },
];

/** Ownership is decided by the queries (scope in the `where`): someone else's offer is "not found". */
function scopeOf(user: AuthUser): OfferScope {
  return { userId: user.id, organisationIds: user.memberships.map((m) => m.organisationId) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  const offer = getOwnOffer(db, { id, scope: scopeOf(user) });
  if (!offer) throw notFound();
  const organisationName =
    offer.organisationId !== null ? getOrganisationName(db, offer.organisationId) : null;
  return {
    offer,
    organisationName,
    backTo:
      offer.organisationId !== null ? `/offers/organisation/${offer.organisationId}` : "/volunteer/offers",
    defaults: offerFormValues(offer),
    categories: listActiveCategories(db, offer.categoryId),
    neighbourhoods: listNeighbourhoods(db),
  };
}

const STATUS_NOTICE = {
  active: "offers:offer.notice.active",
  paused: "offers:offer.notice.paused",
  ended: "offers:offer.notice.ended",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const today = zonedIsoDate(Date.now());
  const target = { id, scope: scopeOf(user) };

  if ((OFFER_STATUS_INTENTS as readonly unknown[]).includes(intent)) {
    const changed = changeOfferStatus(getDb(), target, intent as OfferStatusIntent, today);
    if (!changed.ok && changed.error === "not_found") throw notFound();
    if (!changed.ok) return data({ statusError: `offers:errors.status.${changed.error}` }, { status: 409 });
    return redirectWithNotice(`/offers/${id}`, { key: STATUS_NOTICE[changed.status] });
  }

  const result = validateFormData(formData, OfferSchema);
  if (!result.success) return data(result, { status: 400 });
  const updated = updateOffer(getDb(), target, result.data, today);
  if (!updated.ok && "notFound" in updated) throw notFound();
  if (!updated.ok) return data(formFailure(formData, updated.errors), { status: 400 });
  return redirectWithNotice(`/offers/${id}`, { key: "offers:offer.notice.saved" });
}

export default function OfferPage() {
  const { offer, organisationName, backTo, defaults, categories, neighbourhoods } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("offers");
  const statusError = actionData && "statusError" in actionData ? actionData.statusError : null;
  const formActionData = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <div className="page">
      <p>
        <Link to={backTo}>
          <BackArrow />{" "}
          {organisationName ? t("offer.backOrganisation", { name: organisationName }) : t("offer.backMine")}
        </Link>
      </p>
      <h1>{offer.title}</h1>
      {statusError ? (
        <FormMessage>
          <DataText k={statusError} />
        </FormMessage>
      ) : null}
      <section aria-labelledby="status-heading" className="section-card">
        <h2 id="status-heading" className="h3">
          {t("offer.statusHeading")}
        </h2>
        <p>
          <span className="status">{t(`status.${offer.status}`)}</span>{" "}
          {t(`offer.statusExplain.${offer.status}`)}
        </p>
        <p>{t("list.load", { count: offer.liveMatches, capacity: offer.capacity })}</p>
        {offer.status !== "ended" ? (
          <Form method="post" className="actions">
            {offer.status === "active" ? (
              <button type="submit" name="intent" value="pause" className="button button--secondary">
                {t("offer.pause")}
              </button>
            ) : (
              <button type="submit" name="intent" value="resume" className="button button--secondary">
                {t("offer.resume")}
              </button>
            )}
            <button type="submit" name="intent" value="end" className="button button--secondary">
              {t("offer.end")}
            </button>
          </Form>
        ) : null}
      </section>
      {offer.status !== "ended" ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t("offer.editHeading")}</h2>
          <OfferForm
            key={JSON.stringify(defaults)}
            mode="edit"
            defaults={formActionData ? {} : defaults}
            actionData={formActionData}
            categories={categories}
            neighbourhoods={neighbourhoods}
          />
        </section>
      ) : (
        <p className="notice">{t("offer.endedNote")}</p>
      )}
    </div>
  );
}
