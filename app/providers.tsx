'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '@/lib/client/fetch-json';

function createQueryClient(): QueryClient {
  return new QueryClient({
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
