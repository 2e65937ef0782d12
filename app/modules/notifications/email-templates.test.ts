import { describe, expect, it } from "vitest";
import { renderEmail } from "./email-templates.server";

describe("renderEmail", () => {
  it("renders subject, text and HTML in the recipient's language, escaping values in the HTML", () => {
    const de = renderEmail("password_reset", "de", {
      name: "Ayşe <b>",
      minutes: 30,
      url: "https://x.test/r?a=1&b=2",
    });
    expect(de.subject).toBe("Neues Passwort für miteinander");
    expect(de.text).toContain("Hallo Ayşe <b>,");
    expect(de.text).toContain("30 Minuten");
    expect(de.text).toContain("https://x.test/r?a=1&b=2");
    expect(de.html).toContain("Ayşe &lt;b&gt;");
    expect(de.html).not.toContain("<b>,");
    expect(de.html).toContain('href="https://x.test/r?a=1&amp;b=2"');

    const en = renderEmail("password_reset", "en", { name: "Sam", minutes: 30, url: "https://x.test" });
    expect(en.subject).toBe("New password for miteinander");
    expect(en.html).toContain('lang="en"');
  });
});
