import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { isDatabaseEmpty, printDemoAccounts, seedDemo } from './db/seed/demo.ts';
import { segment } from './lib/text/segment.ts';
import { countsText, indexWhatIsMissing } from './modules/search/index.ts';

/**
 * Runs the server until SIGTERM/SIGINT, then stops accepting connections, lets in-flight
 * requests finish and closes the database so nothing written is lost.
 */
export async function serve(config: Config): Promise<void> {
  // The embedded data directory stays locked until the database is closed at shutdown: a CLI
  // command or a second server on the same directory is refused instead of corrupting it.
  const database = await openDatabase({ ...config, command: 'xinbao serve' });
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    // Several instances starting together on one empty PostgreSQL: one migrates and seeds, the
    // others wait, then find the migrations applied and the database no longer empty.
    await database.withStartupLock(async () => {
      await database.migrate();
      if (config.seedDemo && (await isDatabaseEmpty(database.db))) {
        await seedDemo(database.db, config.demoPassword, { items: true, filesDir: config.filesDir });
        printDemoAccounts(config.demoPassword);
      }
      // Records from before the search index (migration 0014), or of a kind indexed since, are
      // indexed once, here.
      const indexed = await indexWhatIsMissing(database.db);
      if (indexed.length) console.log(`已建立检索索引：${countsText(indexed)}`);
    });
    app = await buildApp({ config, database, startScheduler: true });
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, '正在停止服务');
    try {
      await app.close();
      await database.close();
      app.log.info('服务已停止');
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, '停止服务时出错');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    throw e;
  }
  app.log.info(`信报已启动：http://localhost:${config.port}（数据库：${database.kind}）`);
  // The segmenter's dictionaries take about half a second to load; load them now rather than
  // inside the first user's quality check or 提交签发 transaction.
  setImmediate(() => segment('信报启动'));
}
