import { anthropicProvider } from './anthropic';
import { openaiProvider } from './openai';
import type { Provider, ProviderId } from './provider';

// Every provider Burnrate can collect from. Typed by the ProviderId enum: adding an id to
// the schema without a connector here fails to compile.
export const PROVIDERS: Record<ProviderId, Provider> = {
  openai: openaiProvider,
  anthropic: anthropicProvider,
};
