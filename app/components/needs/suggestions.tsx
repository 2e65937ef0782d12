import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { DataText } from "~/components/data-text";
import { FormMessage } from "~/components/forms";
import type { ComponentView, SuggestionsView, WhyNotView } from "~/modules/matches/need-suggestions.server";
import { useCategoryName } from "~/components/use-category-name";

function Breakdown({ components }: { components: ComponentView[] }) {
  const { t } = useTranslation(["matching", "matches"]);
  return (
    <details className="breakdown">
      <summary>{t("matches:suggestions.breakdown")}</summary>
      <TableScroll label={t("matches:suggestions.breakdown")}>
        <table className="data-table">
          <tbody>
            {components.map((c) => (
              <tr key={c.key}>
                <th scope="row">{t(`components.${c.key}`)}</th>
                <td>{c.sentence}</td>
                <td className="numeric">{t("matches:suggestions.points", { points: c.points })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

/** The engine's top candidates, each with the reasons in words and a button to propose. */
export function Suggestions({ suggestions, error }: { suggestions: SuggestionsView; error?: string }) {
  const { t } = useTranslation(["matches", "matching"]);
  return (
    <section aria-labelledby="suggestions-heading" className="section">
      <h2 id="suggestions-heading">{t("suggestions.title")}</h2>
      <p className="muted">
        {t("suggestions.count", { count: suggestions.candidateCount })}
        {suggestions.helpersNeeded === 0 ? ` ${t("suggestions.covered")}` : null}
      </p>
      <FormMessage>{error ? <DataText k={error} /> : null}</FormMessage>
      {suggestions.items.length === 0 ? (
        <p className="empty">{t("suggestions.none")}</p>
      ) : (
        <ol className="suggestion-list">
          {suggestions.items.map((s) => (
            <li key={s.offerId} className="card suggestion">
              <div className="suggestion__head">
                <h3 className="card__title h3">
                  {s.ownerName ?? t("page.offerGone")} <span className="muted">· {s.offerTitle}</span>
                </h3>
                <p className="suggestion__score">{t("matching:score", { score: s.score })}</p>
              </div>
              <p className="suggestion__reasons">{s.sentence}</p>
              <Breakdown components={s.components} />
              <Form method="post" className="inline-form">
                <input type="hidden" name="offerId" value={s.offerId} />
                <button type="submit" name="intent" value="propose" className="button button--small">
                  {t("suggestions.propose", { name: s.ownerName ?? s.offerTitle })}
                </button>
              </Form>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** "Why not?": search any volunteer or organisation, pick one of their offers, read the verdict. */
export function WhyNot({ whyNot }: { whyNot: WhyNotView }) {
  const { t } = useTranslation(["matches", "matching", "common"]);
  const categoryName = useCategoryName();
  const location = useLocation();
  const pick = (offerId: number) => {
    const params = new URLSearchParams(location.search);
    params.set("offer", String(offerId));
    return `?${params.toString()}#why-not`;
  };
  const e = whyNot.explanation;
  return (
    <section aria-labelledby="why-not" className="section">
      <h2 id="why-not">{t("whyNot.title")}</h2>
      <p>{t("whyNot.intro")}</p>
      <Form method="get" role="search" className="search-form" preventScrollReset>
        <div className="field">
          <label htmlFor="why-not-who">{t("whyNot.searchLabel")}</label>
          <input id="why-not-who" type="search" name="who" defaultValue={whyNot.query} maxLength={100} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("whyNot.search")}
        </button>
      </Form>
      {whyNot.results ? (
        whyNot.results.length === 0 ? (
          <p className="empty">{t("whyNot.noneFound")}</p>
        ) : (
          <ul className="why-not-results">
            {whyNot.results.map((r) => (
              <li key={r.offerId}>
                <a href={pick(r.offerId)}>
                  {r.ownerName ?? t("page.offerGone")} · {r.offerTitle}
                </a>{" "}
                <span className="muted">
                  ({categoryName({ slug: r.categorySlug, name: r.categoryName })}
                  {r.status !== "active" ? `, ${t(`whyNot.offerStatus.${r.status}`)}` : ""})
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {e ? (
        <div className="card why-not-verdict" aria-live="polite">
          {e.status === "unavailable" ? (
            <p>{t("whyNot.unavailable")}</p>
          ) : (
            <>
              <h3 className="h3">
                {e.ownerName ?? t("page.offerGone")} · {e.offerTitle}
              </h3>
              {e.status === "excluded" ? (
                <>
                  <p>{t("whyNot.excluded")}</p>
                  <ul>
                    {e.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <>
                  <p>
                    <strong>{t("matching:rank", { rank: e.rank, count: e.candidateCount })}</strong> ·{" "}
                    {t("matching:score", { score: e.score })}
                  </p>
                  <p>{e.sentence}</p>
                  <Breakdown components={e.components} />
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="offerId" value={e.offerId} />
                    <button type="submit" name="intent" value="propose" className="button button--small">
                      {t("suggestions.propose", { name: e.ownerName ?? e.offerTitle })}
                    </button>
                  </Form>
                </>
              )}
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
