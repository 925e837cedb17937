// Which files an import takes. A picked or dropped folder brings everything in it; only these kinds are read.
export const ACCEPTED_EXTENSIONS = ['.mobileprovision', '.provisionprofile', '.ipa'] as const;
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.join(',');

export function isAcceptedFile(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}
