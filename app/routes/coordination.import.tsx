import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { DataText } from "~/components/data-text";
import { FieldFrame, FormMessage } from "~/components/forms";
import { TableScroll } from "~/components/table-scroll";
import { IMPORT_FIELDS } from "~/modules/imports/import-rows";
import { confirmImport, findFinishedImport, discardImport } from "~/modules/imports/imports.server";
import { previewImport, type ImportPreview } from "~/modules/imports/preview.server";
import { MAX_FILE_BYTES, MAX_ROWS } from "~/modules/imports/spreadsheet.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formatBytes, formatNumber, isolate } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "home", "operations"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "import") }];

/** How many rows with problems, and how many good rows, the preview shows (the counts cover all). */
const SHOWN_PROBLEMS = 200;
const SHOWN_GOOD = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "organisations:import");
  const done = new URL(request.url).searchParams.get("done");
  const id = done && /^[1-9]\d{0,9}$/.test(done) ? Number(done) : null;
  const result = id ? findFinishedImport(getDb(), user.id, id) : null;
  return { result, maxBytes: MAX_FILE_BYTES, maxRows: MAX_ROWS };
}

function shown(preview: ImportPreview) {
  const problems = preview.rows.filter((r) => r.problems.length > 0);
  const good = preview.rows.filter((r) => r.problems.length === 0);
  return {
    ...preview,
    rows: undefined,
    problemRows: problems.length,
    problems: problems.slice(0, SHOWN_PROBLEMS).map((r) => ({
      line: r.line,
      problems: r.problems,
    })),
    good: good.slice(0, SHOWN_GOOD).map((r) => ({
      line: r.line,
      organisation: r.organisation!.name,
      activity: r.activity?.title ?? null,
    })),
    goodRows: good.length,
  };
}

type Shown = ReturnType<typeof shown>;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "organisations:import");
  const form = await request.formData();
  const intent = form.get("intent");
  const db = getDb();
  const importId = Number(form.get("importId"));
  if (intent === "confirm" || intent === "discard") {
    if (!Number.isSafeInteger(importId) || importId < 1)
      return data({ error: "import.errors.notFound" }, { status: 404 });
    if (intent === "discard") {
      discardImport(db, user, importId);
      return redirect("/coordination/import");
    }
    const outcome = await confirmImport(db, user, importId);
    if (outcome.ok) return redirect(`/coordination/import?done=${importId}`);
    if (outcome.error === "problems" && outcome.preview) {
      return data({ error: "import.errors.changed", preview: shown(outcome.preview) }, { status: 409 });
    }
    return data({ error: "import.errors.notFound" }, { status: 404 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return data({ error: "import.errors.empty" }, { status: 400 });
  if (file.size > MAX_FILE_BYTES) return data({ error: "import.errors.tooLarge" }, { status: 413 });
  const outcome = await previewImport(db, user, {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!outcome.ok) return data({ error: `import.errors.${outcome.error}` }, { status: 400 });
  return { preview: shown(outcome.preview) };
}

function Preview({ preview }: { preview: Shown }) {
  const { t, i18n } = useTranslation("operations");
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("import.previewTitle", { file: isolate(preview.fileName) })}</h2>
      <ul>
        <li>{t("import.summary.rows", { n: n(preview.goodRows + preview.problemRows) })}</li>
        <li>{t("import.summary.newOrganisations", { n: n(preview.newOrganisations) })}</li>
        <li>{t("import.summary.existingOrganisations", { n: n(preview.existingOrganisations) })}</li>
        <li>{t("import.summary.activities", { n: n(preview.activities) })}</li>
        {preview.ignoredColumns.length ? (
          <li>{t("import.summary.ignored", { columns: preview.ignoredColumns.join(", ") })}</li>
        ) : null}
      </ul>
      {preview.problemRows > 0 ? (
        <>
          <h3 id="problems-heading">{t("import.problemsTitle", { n: n(preview.problemRows) })}</h3>
          <p>{t("import.problemsHint")}</p>
          <TableScroll labelledBy="problems-heading">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.problems.map((row) => (
                  <tr key={row.line}>
                    <th scope="row">{row.line}</th>
                    <td>
                      <ul>
                        {row.problems.map((p, i) => (
                          <li key={i}>
                            <strong>{t(`import.columns.${p.field}`)}:</strong>{" "}
                            {t(`import.problems.${p.code}`, { value: isolate(p.value ?? "") })}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {preview.problemRows > preview.problems.length ? (
            <p>{t("import.moreProblems", { n: n(preview.problemRows - preview.problems.length) })}</p>
          ) : null}
        </>
      ) : (
        <>
          <h3 id="good-heading">{t("import.goodTitle")}</h3>
          <TableScroll labelledBy="good-heading">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.columns.organisation")}</th>
                  <th scope="col">{t("import.columns.activity")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.good.map((row) => (
                  <tr key={row.line}>
                    <th scope="row">{row.line}</th>
                    <td>{row.organisation}</td>
                    <td>{row.activity ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <div className="actions">
        {preview.problemRows === 0 ? (
          <Form method="post">
            <input type="hidden" name="importId" value={preview.importId} />
            <button type="submit" name="intent" value="confirm" className="button">
              {t("import.confirm", { n: n(preview.goodRows) })}
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="importId" value={preview.importId} />
          <button type="submit" name="intent" value="discard" className="button button--secondary">
            {t("import.discard")}
          </button>
        </Form>
      </div>
    </section>
  );
}

export default function ImportPage() {
  const { result, maxBytes, maxRows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation(["operations", "home"]);
  const error = actionData && "error" in actionData ? actionData.error : null;
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  return (
    <div className="page page--wide">
      <p>
        <Link to="/coordination">
          <BackArrow /> {t("home:coordination.back")}
        </Link>
      </p>
      <h1>{t("import.title")}</h1>
      {result ? (
        <FormMessage tone="success">
          {t("import.done", {
            file: isolate(result.fileName),
            organisations: formatNumber(result.organisations, i18n.language),
            activities: formatNumber(result.activities, i18n.language),
          })}
        </FormMessage>
      ) : null}
      <p>{t("import.intro")}</p>
      <details className="breakdown">
        <summary>{t("import.columnsTitle")}</summary>
        <TableScroll label={t("import.columnsTitle")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("import.column")}</th>
                <th scope="col">{t("import.meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_FIELDS.map((field) => (
                <tr key={field}>
                  <th scope="row">{t(`import.columns.${field}`)}</th>
                  <td>{t(`import.help.${field}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
      <Form method="post" encType="multipart/form-data">
        <FieldFrame
          id="import-file"
          label={t("import.file")}
          hint={t("import.fileHint", {
            size: formatBytes(maxBytes, i18n.language),
            rows: formatNumber(maxRows, i18n.language),
          })}
          error={error && !preview ? `operations:${error}` : null}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              name="file"
              required
              accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
          )}
        </FieldFrame>
        <button
          type="submit"
          name="intent"
          value="preview"
          className="button"
          disabled={navigation.state === "submitting"}
        >
          {t("import.check")}
        </button>
      </Form>
      {error && preview ? (
        <FormMessage tone="error">
          <DataText k={`operations:${error}`} />
        </FormMessage>
      ) : null}
      {preview ? <Preview preview={preview} /> : null}
    </div>
  );
}
