// Devices, with a "hide UDIDs" switch (remembered in settings) for screenshots and screen sharing.
import type { Profile } from '../../../core/types';
import { useAppContext } from '../../app-context';
import { CopyButton } from '../../components/CopyButton';

export function DevicesSection({ profile }: { profile: Profile }) {
  const { settings, saveSettings } = useAppContext();
  const hidden = settings.hideUdids;
  const count = profile.devices.length;
  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">{`Devices (${count})`}</h2>
      {profile.provisionsAllDevices && <p>Runs on all devices (ProvisionsAllDevices).</p>}
      {count === 0 && !profile.provisionsAllDevices && <p>No devices listed.</p>}
      {count > 0 && (
        <>
          <p class="row-actions">
            <label class="inline">
              <input
                type="checkbox"
                checked={hidden}
                onChange={() => void saveSettings({ ...settings, hideUdids: !hidden })}
              />
              Hide UDIDs
            </label>
            <CopyButton text={profile.devices.join('\n')} label={`Copy all ${count} device UDIDs`} />
          </p>
          <ol class="devices mono">
            {profile.devices.map((udid, index) => (
              <li key={index}>{hidden ? '•••••••• hidden ••••••••' : udid}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
