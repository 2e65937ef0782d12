import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EMPTY_NEED_FORM, NeedForm } from "~/components/needs/need-form";
import { getServerT } from "~/modules/i18n/server-t.server";
import { NeedFormSchema } from "~/modules/needs/need.schema";
import { createNeed } from "~/modules/needs/commands.server";
import { needFormOptions } from "~/modules/needs/queries.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { coordinationNotice } from "~/components/coordination/notices";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "needs", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "need:list");
  const options = needFormOptions(getDb(), user);
  const isCoordinator = user.role === "coordinator" || user.role === "admin";
  const only = <T extends { id: number }>(rows: T[]) => (rows.length === 1 ? String(rows[0]?.id) : "");
  return {
    options,
    showOrganisation: options.organisations.length > 0 && !isCoordinator,
    german: user.locale === "de",
    defaults: {
      ...EMPTY_NEED_FORM,
      neighbourhoodId: isCoordinator ? only(options.neighbourhoods) : "",
      organisationId: isCoordinator ? "" : only(options.organisations),
    },
    pageTitle: `${getServerT(user.locale, "needs")("new.title")} · miteinander`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "need:list");
  const formData = await request.formData();
  const result = validateFormData(formData, NeedFormSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = createNeed(getDb(), user, result.data);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  return redirectWithNotice(`/coordination/needs/${outcome.value.id}`, coordinationNotice("need-created"));
}

export default function NewNeedPage() {
  const { options, showOrganisation, german, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("needs");
  return (
    <div className="page">
      <h1>{t("new.title")}</h1>
      <p className="lead">{t("new.intro")}</p>
      <NeedForm
        id="need-new"
        options={options}
        defaultValues={defaults}
        actionData={actionData}
        showOrganisation={showOrganisation}
        german={german}
        submitLabel={t("new.submit")}
        cancelTo="/coordination/needs"
      />
    </div>
  );
}
