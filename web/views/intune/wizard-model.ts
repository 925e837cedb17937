// The "Prepare for Intune" wizard's form, turned into the core's job options. Pure, so it is tested without a DOM.
import type { CloudName, IntuneJobOptions } from '../../../core/index';

export const STEPS = ['Basics', 'Scope tags', 'Assignments', 'Review + create'] as const;

export interface WizardForm {
  cloud: CloudName;
  name: string;
  description: string;
  /** Free text: IDs separated by commas, spaces or lines, as admins paste them. */
  scopeTags: string;
  include: string;
  exclude: string;
  /** Renew this existing configuration in place instead of creating one. */
  update: string;
}

export const EMPTY_FORM: WizardForm = { cloud: 'global', name: '', description: '', scopeTags: '', include: '', exclude: '', update: '' };

export function idList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

export type FieldErrors = Partial<Record<'scopeTags' | 'include' | 'exclude' | 'update', string>>;

/** Per-field messages, so the wizard can say which box is wrong before the core refuses the whole job. */
export function formErrors(form: WizardForm, check: { isGuid: (value: string) => boolean; isScopeTagId: (value: string) => boolean }, fileCount: number): FieldErrors {
  const errors: FieldErrors = {};
  const notGuid = (ids: string[]) => ids.find((id) => !check.isGuid(id));
  const badTag = idList(form.scopeTags).find((id) => !check.isScopeTagId(id));
  if (badTag) errors.scopeTags = `"${badTag}" is not a scope tag ID: Intune's are whole numbers (0 is Default).`;
  const badInclude = notGuid(idList(form.include));
  if (badInclude) errors.include = `"${badInclude}" is not a group object ID (a GUID).`;
  const badExclude = notGuid(idList(form.exclude));
  if (badExclude) errors.exclude = `"${badExclude}" is not a group object ID (a GUID).`;
  const both = idList(form.include).find((id) => idList(form.exclude).some((other) => other.toLowerCase() === id.toLowerCase()));
  if (both && !errors.exclude) errors.exclude = `${both} is both included and excluded.`;
  const update = form.update.trim();
  if (update && !check.isGuid(update)) errors.update = `"${update}" is not a configuration ID (a GUID).`;
  else if (update && idList(form.include).length + idList(form.exclude).length > 0) errors.update = 'Renewing in place keeps the existing assignments: clear the groups, or leave this empty to create a new profile.';
  else if (update && fileCount !== 1) errors.update = 'One existing profile is renewed with one file.';
  return errors;
}

export function jobOptions(form: WizardForm, warnDays: number): IntuneJobOptions {
  return {
    cloud: form.cloud,
    displayName: form.name.trim() || null,
    description: form.description.trim() || null,
    scopeTagIds: idList(form.scopeTags),
    includeGroupIds: idList(form.include),
    excludeGroupIds: idList(form.exclude),
    updateConfigurationId: form.update.trim() || null,
    warnDays,
  };
}
