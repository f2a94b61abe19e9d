import { hash, verify, Algorithm } from '@node-rs/argon2';

// argon2id with OWASP's minimum (19 MiB, 2 passes): strong, and ~30 ms a login on a small server.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown usernames are not revealed by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password');
  await verifyPassword(await dummy, password);
}

/** A password policy officials can meet: 10+ characters with letters and digits. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少10位 / at least 10 characters';
  if (password.length > 128) return '密码不超过128位 / at most 128 characters';
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return '密码须包含字母和数字 / must contain letters and digits';
  return null;
}
