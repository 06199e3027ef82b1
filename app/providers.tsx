'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { signInPath } from '@/lib/auth/next-path';
import { ApiError } from '@/lib/client/fetch-json';

// A session that ended while the page was open (expired, signed out in another tab, revoked)
// makes every call answer 401: send the person to sign in and back here, rather than show
// "not signed in" in every panel.
let sentToSignIn = false;
function signInAgainOn401(error: unknown): void {
  if (!(error instanceof ApiError) || error.status !== 401 || sentToSignIn) return;
  if (window.location.pathname === '/sign-in') return;
  sentToSignIn = true;
  window.location.assign(signInPath(window.location.pathname + window.location.search));
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: signInAgainOn401 }),
    mutationCache: new MutationCache({ onError: signInAgainOn401 }),
    defaultOptions: {
      queries: {
        // Usage is pulled from providers every few minutes; 30 s old figures are fresh enough.
        staleTime: 30_000,
        // The dashboard is left open on a screen: live figures refresh every minute.
        refetchInterval: 60_000,
        // One retry covers a blip; a 4xx answer will not change on retry, so show it at once.
        retry: (failureCount, error) =>
          failureCount < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created once: a module-level client would be shared
  // between requests during server rendering.
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
