import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import { i18nServer } from "~/modules/i18n/i18next.server";

export const handle = { i18n: ["common", "help"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

type Role = "visitor" | "volunteer" | "organisation" | "coordinator";

/** Each role's steps, in the order a person meets them, and where to go next. */
const SECTIONS = [
  {
    role: "visitor",
    steps: [
      "visitor.steps.browse",
      "visitor.steps.filter",
      "visitor.steps.details",
      "visitor.steps.go",
      "visitor.steps.calendar",
    ],
    links: [
      { to: "/activities", label: "visitor.linkActivities" },
      { to: "/feeds", label: "visitor.linkFeeds" },
    ],
  },
  {
    role: "volunteer",
    steps: [
      "volunteer.steps.register",
      "volunteer.steps.profile",
      "volunteer.steps.signup",
      "volunteer.steps.offer",
      "volunteer.steps.hours",
    ],
    links: [
      { to: "/register", label: "volunteer.linkRegister" },
      { to: "/volunteer/find", label: "volunteer.linkFind" },
    ],
  },
  {
    role: "organisation",
    steps: [
      "organisation.steps.register",
      "organisation.steps.verify",
      "organisation.steps.activity",
      "organisation.steps.translate",
      "organisation.steps.signups",
      "organisation.steps.members",
    ],
    links: [{ to: "/register/organisation", label: "organisation.linkRegister" }],
  },
  {
    role: "coordinator",
    steps: [
      "coordinator.steps.need",
      "coordinator.steps.suggest",
      "coordinator.steps.match",
      "coordinator.steps.verify",
      "coordinator.steps.dashboard",
    ],
    links: [],
  },
] as const satisfies readonly {
  role: Role;
  steps: readonly string[];
  links: readonly { to: string; label: string }[];
}[];

/** Public: a short plain-language guide per role. A signed-in person sees which sections are theirs. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [t, user] = await Promise.all([
    i18nServer(getDb()).getFixedT(request, "help"),
    getOptionalUser(getDb(), request),
  ]);
  const yourRoles: Role[] = !user
    ? ["visitor"]
    : [
        ...(user.isVolunteer ? (["volunteer"] as const) : []),
        ...(user.memberships.length > 0 ? (["organisation"] as const) : []),
        ...(user.role === "coordinator" || user.role === "admin" ? (["coordinator"] as const) : []),
      ];
  return { yourRoles, pageTitle: `${t("pageTitle")} · miteinander` };
}

export default function HowItWorksPage() {
  const { yourRoles } = useLoaderData<typeof loader>();
  const { t } = useTranslation("help");
  return (
    <div className="page how-it-works">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <nav aria-label={t("tocLabel")}>
        <ul className="toc">
          {SECTIONS.map(({ role }) => (
            <li key={role}>
              <a href={`#${role}`}>{t(`${role}.title`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {SECTIONS.map(({ role, steps, links }) => (
        <section key={role} id={role} aria-labelledby={`${role}-title`} className="help-section">
          <h2 id={`${role}-title`}>
            {t(`${role}.title`)}
            {yourRoles.includes(role) ? (
              <>
                {" "}
                <span className="tag">{t("yourRole")}</span>
              </>
            ) : null}
          </h2>
          <p>{t(`${role}.summary`)}</p>
          <ol className="steps">
            {steps.map((step) => (
              <li key={step}>{t(step)}</li>
            ))}
          </ol>
          {role === "visitor" ? <p>{t("visitor.privacy")}</p> : null}
          {links.length > 0 ? (
            <p className="actions">
              {links.map((link) => (
                <Link key={link.to} to={link.to} className="button button--secondary">
                  {t(link.label)}
                </Link>
              ))}
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
