import argon2 from 'argon2';

/**
 * argon2id with OWASP's smaller recommended profile (19 MiB, 2 passes, 1 lane): strong enough for
 * people's passwords, and cheap enough that a 2-core server answering a burst of sign-ins stays responsive.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * True when `password` matches `hash`. With no hash (unknown or disabled user) it still spends the same work
 * against a dummy, so the answer's timing does not tell which usernames exist.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    dummyHash ??= argon2.hash('not-a-real-password', OPTIONS);
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
