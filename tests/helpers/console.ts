import { afterEach, beforeEach } from "vitest";

type Matcher = string | RegExp | undefined;

let captured: unknown[][] = [];
let expected: { matcher: Matcher } | undefined;

function describeCall(args: unknown[]): string {
  return args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(" ");
}

function matches(args: unknown[], matcher: Matcher): boolean {
  if (matcher === undefined) return true;
  const text = describeCall(args);
  return typeof matcher === "string" ? text.includes(matcher) : matcher.test(text);
}

/**
 * Declares that the current test logs with `console.error`, and requires it: the test fails if nothing
 * was logged, or (given a matcher) if something was logged that doesn't match it. Expected errors are
 * not printed. Returns the matching calls so far, e.g. to assert on their arguments.
 */
export function expectConsoleError(matcher?: string | RegExp): { readonly calls: unknown[][] } {
  expected = { matcher };
  return {
    get calls() {
      return captured.filter((args) => matches(args, matcher));
    },
  };
}

/**
 * Installs the guard for one test file: every `console.error` in a test is recorded, and an unexpected
 * one fails that test. React, msw and our own error paths all report through console.error, so an
 * unnoticed one is usually a real bug that would otherwise only show up as noise in the output.
 */
export function installConsoleErrorGuard(): void {
  const original = console.error;

  beforeEach(() => {
    captured = [];
    expected = undefined;
    // Assigned directly (not vi.spyOn) so that vi.restoreAllMocks() in a test cannot remove the guard.
    console.error = (...args: unknown[]) => {
      captured.push(args);
      if (!expected || !matches(args, expected.matcher)) original.apply(console, args);
    };
  });

  afterEach(() => {
    console.error = original;
    const calls = captured;
    const expectation = expected;
    captured = [];
    expected = undefined;

    const unexpected = calls.filter((args) => !expectation || !matches(args, expectation.matcher));
    if (unexpected.length > 0) {
      const hint = expectation
        ? `console.error was called with something not matching ${String(expectation.matcher)}`
        : "console.error was called during this test (call expectConsoleError() if that is intended)";
      throw new Error(`${hint}:\n${unexpected.map(describeCall).join("\n")}`);
    }
    if (expectation && calls.length === 0) {
      throw new Error("expectConsoleError() was called, but nothing was logged with console.error.");
    }
  });
}
