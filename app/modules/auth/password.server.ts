import { hash, verify, type Algorithm } from "@node-rs/argon2";

// `Algorithm` is an ambient const enum, which `isolatedModules` forbids reading at runtime: use its value.
const ARGON2ID: Algorithm = 2;

/**
 * Argon2id with OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane). Changing these only affects
 * new hashes: every stored hash carries its own parameters, so old ones still verify.
 */
export const PASSWORD_HASH_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export interface HashPasswordOptions {
  /**
   * A fixed salt (at least 8 bytes). Only for deterministic seed data: real accounts must get the random
   * salt argon2 generates when this is left out.
   */
  salt?: Uint8Array;
}

/** Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export async function hashPassword(plain: string, opts: HashPasswordOptions = {}): Promise<string> {
  return hash(plain, { ...PASSWORD_HASH_PARAMS, ...(opts.salt ? { salt: opts.salt } : {}) });
}

/** True if `plain` matches `passwordHash`; false for a wrong password and for a malformed hash. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    // A malformed or truncated hash is a failed login, not a server error.
    return false;
  }
}
