import { defineConfig } from 'drizzle-kit';

// System tables only. Form tables (src/form-tables) are created at run time from form metadata.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/schema/metadata.ts', './src/schema/auth.ts', './src/schema/audit.ts', './src/schema/calendar.ts', './src/schema/studio.ts', './src/schema/cases.ts', './src/schema/certificates.ts', './src/schema/items.ts', './src/schema/supervision.ts', './src/schema/rollups.ts', './src/schema/materials.ts', './src/schema/item-reviews.ts', './src/schema/key-project-bundles.ts'],
  out: './migrations',
  strict: true,
  verbose: true,
});
