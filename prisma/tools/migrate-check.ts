// `pnpm --filter @perch/prisma run migrate:check`
// Fails (exit 1) when replaying prisma/migrations does not produce exactly the schema of schema.prisma, i.e.
// someone changed the schema without running migrate:create (or edited a migration by hand). Run in CI.
import { cliOptions, fail, noFilter, readMigrationsList, readSchemaFiles, withSchemaEngine } from './schema-engine.ts';

const opts = cliOptions();

try {
  const files = await readSchemaFiles(opts.schema);
  const migrationsList = await readMigrationsList(opts.migrations);
  // `diff` from the migration history (replayed on a shadow PGlite) to the datamodel; `exitCode: true` makes
  // the engine report 2 when they differ. The script is what the missing migration would contain.
  const result = await withSchemaEngine(files, (engine) =>
    engine.diff({
      // With no migration at all the engine cannot tell the provider (no migration_lock.toml): diff from empty.
      from: migrationsList.migrationDirectories.length ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: noFilter,
    }),
  );
  if (result.exitCode !== 0) {
    console.error(
      `Schema drift: applying the ${migrationsList.migrationDirectories.length} migration(s) in ${opts.migrations}\n` +
        `does not produce the schema of ${opts.schema}. Create the missing migration with\n` +
        `  pnpm db:migrate:create -- --name <what_changed>\n\nIt would contain:\n\n${result.stdout ?? ''}`,
    );
    process.exit(1);
  }
  console.log(`OK: ${migrationsList.migrationDirectories.length} migration(s) match the schema.`);
} catch (e) {
  fail(e);
}
