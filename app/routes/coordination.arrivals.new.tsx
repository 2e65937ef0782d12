import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArrivalForm, EMPTY_ARRIVAL_FORM } from "~/components/arrivals/arrival-form";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { ArrivalFormSchema } from "~/modules/arrivals/arrival.schema";
import { arrivalFormOptions } from "~/modules/arrivals/queries.server";
import { recordArrival } from "~/modules/arrivals/commands.server";
import { getServerT } from "~/modules/i18n/server-t.server";
import { requireCan } from "~/modules/permissions/guards.server";
import arrivalStyles from "~/styles/arrivals.css?url";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { arrivalNotice } from "~/components/arrivals/notices";
import { redirectWithNotice } from "~/utils/notice.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: arrivalStyles }];

export const handle = { i18n: ["common", "arrivals", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "arrival:list");
  const locale = await requestLocale(getDb(), request);
  const options = arrivalFormOptions(getDb(), user, locale);
  return {
    options,
    defaults: {
      ...EMPTY_ARRIVAL_FORM,
      neighbourhoodId: options.neighbourhoods.length === 1 ? String(options.neighbourhoods[0]!.id) : "",
      templateIds: options.templates.filter((t) => t.defaultSelected).map((t) => String(t.id)),
    },
    pageTitle: `${getServerT(locale, "arrivals")("new.title")} · miteinander`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "arrival:list");
  const formData = await request.formData();
  const result = validateFormData(formData, ArrivalFormSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = recordArrival(getDb(), user, result.data);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  return redirectWithNotice(
    `/coordination/arrivals/${outcome.value.id}`,
    arrivalNotice("arrival-created", { count: outcome.value.steps }),
  );
}

export default function NewArrivalPage() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("arrivals");
  return (
    <div className="page">
      <h1>{t("new.title")}</h1>
      <p className="lead">{t("new.intro")}</p>
      <ArrivalForm options={options} defaultValues={defaults} actionData={actionData} />
    </div>
  );
}
