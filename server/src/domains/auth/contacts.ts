/**
 * Logins, e-mails and phones are stored normalised so that «+7 (900) 123-45-67»,
 * «89001234567» and «79001234567» name the same person.
 */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('8')) return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) return `7${digits}`;
  return digits;
}

/** What someone typed into the login field, as the keys it may match. */
export function loginKeys(typed: string): { login: string; email: string; phone: string | null } {
  const phone = normalisePhone(typed);
  return {
    login: normaliseLogin(typed),
    email: normaliseEmail(typed),
    phone: /^[+\d\s()-]+$/.test(typed.trim()) && phone.length >= 10 ? phone : null,
  };
}
