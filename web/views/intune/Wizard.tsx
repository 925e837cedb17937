// The portal's "Create profile" wizard for iOS app provisioning profiles, step for step (Basics → Scope tags →
// Assignments → Review + create), except that the last step hands the admin the Graph requests and a PowerShell
// script to run with their own credentials: ProvLens sends nothing.
import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { IntuneFile } from '../../../core/index';
import { useAppContext } from '../../app-context';
import { DateText } from '../../components/DateText';
import type { Core } from './use-core';
import { JobOutputs } from './JobOutputs';
import { EMPTY_FORM, STEPS, formErrors, idList, jobOptions, type WizardForm } from './wizard-model';

export function Wizard({ core, files }: { core: Core; files: IntuneFile[] }) {
  const { settings } = useAppContext();
  const [step, setStep] = useState(0);
  const [form, setForm] = useState<WizardForm>(EMPTY_FORM);
  const errors = formErrors(form, core, files.length);
  const job = useMemo(() => {
    if (Object.keys(formErrors(form, core, files.length)).length > 0) return null;
    try {
      return core.intuneJob(files, jobOptions(form, settings.warnDays));
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }, [core, files, form, settings.warnDays]);
  const set = (field: keyof WizardForm) => (event: Event) => setForm({ ...form, [field]: (event.currentTarget as HTMLInputElement).value });

  return (
    <div class="wizard">
      <ol class="steps">
        {STEPS.map((name, index) => (
          <li key={name} aria-current={index === step ? 'step' : undefined}>
            <button type="button" class="secondary small" onClick={() => setStep(index)}>
              {index + 1}. {name}
            </button>
          </li>
        ))}
      </ol>
      <fieldset>
        <legend>{STEPS[step]}</legend>
        {step === 0 && <Basics files={files} form={form} set={set} core={core} updateError={errors.update} />}
        {step === 1 && (
          <IdField label="Scope tag IDs" hint="Intune > Tenant administration > Roles > Scope tags; 0 is Default, used when empty." value={form.scopeTags} onInput={set('scopeTags')} error={errors.scopeTags} />
        )}
        {step === 2 && (
          <>
            <IdField label="Included groups (object IDs)" hint="The Entra ID groups whose devices get the profile." value={form.include} onInput={set('include')} error={errors.include} />
            <IdField label="Excluded groups (object IDs)" hint="Groups that must not get it, even if also included." value={form.exclude} onInput={set('exclude')} error={errors.exclude} />
          </>
        )}
        {step === 3 && <Review job={job} form={form} />}
      </fieldset>
      <p class="actions">
        <button type="button" class="secondary" disabled={step === 0} onClick={() => setStep(step - 1)}>
          Previous
        </button>
        {step < STEPS.length - 1 && (
          <button type="button" onClick={() => setStep(step + 1)}>
            Next
          </button>
        )}
      </p>
    </div>
  );
}

type Setter = (field: keyof WizardForm) => (event: Event) => void;

function Basics({ files, form, set, core, updateError }: { files: IntuneFile[]; form: WizardForm; set: Setter; core: Core; updateError: string | undefined }) {
  return (
    <>
      <dl class="facts">
        {files.map((file) => (
          <Fragment key={file.fileName}>
            <dt>Profile file</dt>
            <dd class="mono">{file.fileName}</dd>
            <dt>Expiration date (from the file)</dt>
            <dd>
              <DateText iso={file.result.profile?.expiresAt ?? null} withTime />
            </dd>
          </Fragment>
        ))}
      </dl>
      <label>
        Name
        <input type="text" value={form.name} onInput={set('name')} placeholder={files.length === 1 ? (files[0]?.result.profile?.name ?? files[0]?.fileName) : 'each profile\'s own name'} />
      </label>
      <label>
        Description
        <input type="text" value={form.description} onInput={set('description')} placeholder="app ID, team, expiry and UUID" />
      </label>
      <label>
        Cloud
        <select value={form.cloud} onChange={set('cloud')}>
          {core.CLOUD_NAMES.map((name) => (
            <option key={name} value={name}>
              {core.CLOUDS[name].label} ({new URL(core.CLOUDS[name].graphRoot).host})
            </option>
          ))}
        </select>
      </label>
      {files.length === 1 && (
        <IdField
          label="Renew an existing profile in place (its ID, optional)"
          hint="Replaces the file and expiry of a profile already in Intune, keeping its assignments: what you do every year."
          value={form.update}
          onInput={set('update')}
          error={updateError}
        />
      )}
    </>
  );
}

function IdField({ label, hint, value, onInput, error }: { label: string; hint: string; value: string; onInput: (event: Event) => void; error: string | undefined }) {
  return (
    <label>
      {label}
      <input type="text" class="mono" value={value} onInput={onInput} aria-invalid={error ? 'true' : undefined} spellcheck={false} />
      <span class="muted">{hint}</span>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

function Review({ job, form }: { job: ReturnType<Core['intuneJob']> | string | null; form: WizardForm }) {
  if (job === null) return <p role="alert">Some IDs are not valid: go back to the step that says which.</p>;
  if (typeof job === 'string') return <p role="alert">{job}</p>;
  const include = idList(form.include).length;
  const exclude = idList(form.exclude).length;
  return (
    <>
      <p>
        {job.updateConfigurationId
          ? `Renews ${job.updateConfigurationId} in place (its assignments stay)`
          : `Creates ${job.requests.filter((request) => request.step === 'create').length} profile(s), assigned to ${include} included and ${exclude} excluded group(s)`}{' '}
        in {job.cloud.label}.
      </p>
      <JobOutputs job={job} />
    </>
  );
}
