export function PrivacyNote() {
  return (
    <p class="privacy">
      <span aria-hidden="true">🔒</span> Nothing leaves this device: files are decoded and verified in this browser and
      stored only in its local database.
    </p>
  );
}
