import { DEMO_KEYS } from '@/lib/demo/demo-keys';
import { defaultPlacement, type KeyPlacement } from './sync-keys';

const demoKeys = new Map(DEMO_KEYS.map((k) => [k.providerKeyId, k]));

// Demo connections place their keys as the demo workspace defines them; real ones guess.
export function demoAwarePlacement(connection: { demo: boolean }): KeyPlacement {
  if (!connection.demo) return defaultPlacement;
  return (key) => {
    const demo = demoKeys.get(key.providerKeyId);
    return demo ? { environment: demo.environment, tags: [...demo.tags, 'demo'] } : defaultPlacement(key);
  };
}
