/**
 * The classes a column of the personal data map can have, and how a table's rows are tied to a person
 * (personal-data-map.ts explains both).
 */
export const COLUMN_CLASSES = ["personal", "credential", "withheld", "not_personal"] as const;
export type ColumnClass = (typeof COLUMN_CLASSES)[number];

/**
 * How rows of a table are tied to a person. `key` names the group in the export. `columns` limits what is
 * exported for rows found through this link (default: every column that is not `not_personal`): a
 * coordinator's export lists the needs they recorded, not the needs' descriptions of other people.
 * `owner` marks the person's own rows, whose child rows (`parent` links) are theirs too.
 */
export type SubjectLink =
  | { kind: "user_id"; column: string; key: string; owner?: true; columns?: readonly string[] }
  | { kind: "email"; column: string; key: string; columns?: readonly string[] }
  /**
   * login_throttle keys "<purpose>:account:<email>" and "<purpose>:user:<user id>" (what a signed-in
   * person sent); keys by IP cannot be tied to a person.
   */
  | { kind: "account_key"; column: string; key: string }
  /** A JSON object column with the person's id or e-mail among its top-level values. */
  | { kind: "json_value"; column: string; key: string; columns?: readonly string[] }
  /** Audit events about the person's account or volunteer profile. */
  | { kind: "audit_subject"; key: string }
  | { kind: "parent"; column: string; parent: string; key: string }
  /**
   * Rows whose `column` holds a value of the person's own row elsewhere without a foreign key: the
   * geocoder's answer for the address on their profile (`owner` names the owning table's user column).
   */
  | { kind: "value_of"; column: string; table: string; tableColumn: string; owner: string; key: string };

export interface TablePrivacy {
  columns: Readonly<Record<string, ColumnClass>>;
  subjects: readonly SubjectLink[];
}

export const P = "personal";
export const C = "credential";
export const W = "withheld";
export const N = "not_personal";
