export function PrivacyNote() {
  return (
    <p class="privacy">
      <strong>Nothing leaves this device.</strong> Files are decoded and verified in this browser and stored only in its
      local database; the page makes no network requests.
    </p>
  );
}
