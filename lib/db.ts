import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';

// The one Prisma client. DATABASE_URL is set by `npm start` (embedded database) or by the
// operator; it is read on first use so that importing this module never needs a database.
const globalForPrisma = globalThis as unknown as { burnratePrisma?: PrismaClient };

export function createPrisma(connectionString: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

export function prisma(): PrismaClient {
  if (!globalForPrisma.burnratePrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('burnrate: DATABASE_URL is not set; start Burnrate with `npm start`, which provides a database');
    globalForPrisma.burnratePrisma = createPrisma(url);
  }
  return globalForPrisma.burnratePrisma;
}
