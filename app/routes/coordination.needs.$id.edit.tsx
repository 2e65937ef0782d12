import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NeedForm } from "~/components/needs/need-form";
import { requireUser } from "~/modules/auth/session.server";
import { needToFormValues } from "~/modules/needs/need-form-values";
import { isFinalNeedStatus } from "~/modules/needs/need-status";
import { NeedFormSchema } from "~/modules/needs/need.schema";
import { getNeedDetail, needFormOptions, requireNeed } from "~/modules/needs/queries.server";
import { updateNeed } from "~/modules/needs/commands.server";
import { notFound, requireIdParam } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { coordinationNotice } from "~/components/coordination/notices";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "needs"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.need.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  requireNeed(db, user, id, "need:update");
  const need = getNeedDetail(db, id);
  if (!need) throw notFound();
  return {
    need: { id: need.id, title: need.title, finished: isFinalNeedStatus(need.status) },
    options: needFormOptions(db, user, need.categoryId),
    german: user.locale === "de",
    values: needToFormValues(need),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const formData = await request.formData();
  const result = validateFormData(formData, NeedFormSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = updateNeed(getDb(), user, id, result.data);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  return redirectWithNotice(`/coordination/needs/${id}`, coordinationNotice("need-saved"));
}

export default function EditNeedPage() {
  const { need, options, german, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("needs");
  return (
    <div className="page">
      <h1>{t("edit.title")}</h1>
      {need.finished ? (
        <p className="notice">
          {t("errors.finished")} <Link to={`/coordination/needs/${need.id}`}>{t("edit.back")}</Link>
        </p>
      ) : (
        <NeedForm
          id="need-edit"
          options={options}
          defaultValues={values}
          actionData={actionData}
          showOrganisation={false}
          german={german}
          submitLabel={t("edit.submit")}
          cancelTo={`/coordination/needs/${need.id}`}
        />
      )}
    </div>
  );
}
