import type { JsonObject, JsonValue } from '../../../core/types';

export function EntitlementsSection({
  entitlements,
  explain,
}: {
  entitlements: JsonObject;
  /** The core's explanations, once the decoder chunk has loaded; null until then. */
  explain: ((key: string) => string | null) | null;
}) {
  const keys = Object.keys(entitlements).sort();
  return (
    <section aria-labelledby="entitlements-title">
      <h2 id="entitlements-title">{`Entitlements (${keys.length})`}</h2>
      <dl class="entitlements">
        {keys.map((key) => {
          const explanation = explain?.(key);
          return (
            <div key={key}>
              <dt class="mono">{key}</dt>
              <dd>
                <code>{formatValue(entitlements[key] ?? null)}</code>
                {explanation && <p class="explain">{explanation}</p>}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

function formatValue(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
