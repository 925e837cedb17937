// The promise every page repeats. Where the tenant board exists, its one exception is said here too: Microsoft Graph,
// only after the admin connects, from the Tenant page.
export function PrivacyNote({ tenantBoard = false }: { tenantBoard?: boolean }) {
  return (
    <p class="privacy">
      <strong>Nothing leaves this device.</strong> Files are decoded and verified in this browser and stored only in its
      local database; the page makes no network requests
      {tenantBoard ? ', except to Microsoft Graph from the Tenant page once you connect your tenant.' : '.'}
    </p>
  );
}
