import { calcPrice, type ModelInfo, type ModelPrice } from '@pydantic/genai-prices';

// Finds a model's list prices on a given day in @pydantic/genai-prices' bundled table (no
// network: the package's auto-update is never enabled). The table keeps price history
// (`start_date` constraints) and long-context tiers; we only borrow its lookup and do the
// arithmetic ourselves (see price-usage.ts), because its tier rule reads the input token
// count of ONE request and our rows sum many requests.

export type PriceProvider = 'openai' | 'anthropic';

type Found = { name: string; model: ModelInfo; timeOfDay: boolean };

const DAY_MS = 86_400_000;
const MAX_MEMO = 20_000;
const models = new Map<string, Found | null>();
const dailyPrices = new Map<string, ModelPrice>();

// Usage APIs report dated snapshots (claude-sonnet-4-20250514, gpt-4o-mini-2024-07-18); the
// table lists some of them and matches others by prefix. A snapshot newer than the table is
// priced as its undated alias.
const DATE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8})$/;

function candidates(model: string): string[] {
  const name = model.trim().toLowerCase().replace(/^(openai|anthropic)[/:]/, '');
  const undated = name.replace(DATE_SUFFIX, '');
  return undated === name ? [name] : [name, undated];
}

function findModel(provider: PriceProvider, model: string): Found | null {
  const id = `${provider}\0${model}`;
  let found = models.get(id);
  if (found === undefined) {
    found = null;
    for (const name of candidates(model)) {
      const hit = calcPrice({}, name, { providerId: provider });
      if (hit) {
        const constraints = Array.isArray(hit.model.prices) ? hit.model.prices.map((p) => p.constraint) : [];
        found = { name, model: hit.model, timeOfDay: constraints.some((c) => c?.type === 'time_of_date') };
        break;
      }
    }
    if (models.size >= MAX_MEMO) models.clear();
    models.set(id, found);
  }
  return found;
}

// The model's prices in force at `at`, or null when the table does not know the model.
export function modelPriceAt(provider: PriceProvider, model: string, at: Date): ModelPrice | null {
  const found = findModel(provider, model);
  if (!found) return null;
  if (!Array.isArray(found.model.prices)) return found.model.prices;
  // Price changes start on a UTC date, so one lookup per model and day is exact; time-of-day
  // prices (none for OpenAI or Anthropic today) are looked up every time.
  const id = `${provider}\0${found.name}\0${Math.floor(at.getTime() / DAY_MS)}`;
  let price = found.timeOfDay ? undefined : dailyPrices.get(id);
  if (!price) {
    price = calcPrice({}, found.name, { providerId: provider, timestamp: at })?.model_price ?? {};
    if (dailyPrices.size >= MAX_MEMO) dailyPrices.clear();
    if (!found.timeOfDay) dailyPrices.set(id, price);
  }
  return price;
}
