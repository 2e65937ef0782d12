/**
 * The two pages of a list that administrators keep for everyone to choose from — categories and
 * neighbourhoods: the list with its add form, and one entry with its edit form and "remove" (offered
 * only while nothing uses the entry). The routes bring their texts, columns and fields.
 */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldValues } from "react-hook-form";
import { BackArrow } from "~/components/back-arrow";
import { ErrorSummary, FormMessage, type ValidatedForm } from "~/components/forms";
import { TableScroll } from "~/components/table-scroll";

/** The list: a table of the entries (each row linking to its page), then the form adding one. */
export function ReferenceListPage<T extends FieldValues>({
  id,
  backLabel,
  title,
  intro,
  countHeading,
  columns,
  rows,
  addHeading,
  form,
  formKey,
  fields,
  addLabel,
}: {
  /** The count heading's id is `${id}-count`; the add form's heading is `${form.id}-heading`. */
  id: string;
  backLabel: string;
  title: string;
  intro: string;
  countHeading: string;
  columns: string[];
  /** The table's rows (`<tr>` each). */
  rows: ReactNode;
  addHeading: string;
  form: ValidatedForm<T>;
  /** Changes after an entry was added, so the form starts empty again. */
  formKey: string;
  fields: ReactNode;
  addLabel: string;
}) {
  return (
    <div className="page page--wide">
      <p>
        <Link to="/admin">
          <BackArrow /> {backLabel}
        </Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">{intro}</p>
      <h2 id={`${id}-count`}>{countHeading}</h2>
      <TableScroll labelledBy={`${id}-count`}>
        <table className="data-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </TableScroll>
      <h2 id={`${form.id}-heading`}>{addHeading}</h2>
      <ErrorSummary form={form} />
      <Form
        method="post"
        noValidate
        onSubmit={form.onSubmit}
        aria-labelledby={`${form.id}-heading`}
        key={formKey}
      >
        {fields}
        <button type="submit" className="button">
          {addLabel}
        </button>
      </Form>
    </div>
  );
}

/** One entry: its edit form, and below it removing it — or why it cannot be removed. */
export function ReferenceEntryPage<T extends FieldValues>({
  backTo,
  backLabel,
  title,
  hint,
  form,
  formKey,
  fields,
  saveLabel,
  remove,
}: {
  backTo: string;
  backLabel: string;
  title: string;
  hint: ReactNode;
  form: ValidatedForm<T>;
  /** Changes with the saved values, so the form shows them after saving. */
  formKey: string;
  fields: ReactNode;
  saveLabel: string;
  remove: {
    heading: string;
    /** Why it cannot be removed (it is in use), or null when it can. */
    inUse: string | null;
    hint: string;
    label: string;
    /** The translated refusal of the last attempt. */
    error: string | null;
  };
}) {
  return (
    <div className="page">
      <p>
        <Link to={backTo}>
          <BackArrow /> {backLabel}
        </Link>
      </p>
      <h1>{title}</h1>
      <p className="hint">{hint}</p>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit} key={formKey}>
        {fields}
        <button type="submit" className="button">
          {saveLabel}
        </button>
      </Form>
      <section aria-labelledby="remove-heading">
        <h2 id="remove-heading">{remove.heading}</h2>
        {remove.error ? <FormMessage>{remove.error}</FormMessage> : null}
        {remove.inUse !== null ? (
          <p>{remove.inUse}</p>
        ) : (
          <Form method="post">
            <p>{remove.hint}</p>
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button button--secondary">
              {remove.label}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
