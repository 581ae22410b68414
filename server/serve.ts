import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { isDatabaseEmpty, printDemoAccounts, seedDemo } from './db/seed/demo.ts';
import { segment } from './lib/text/segment.ts';

/**
 * Runs the server until SIGTERM/SIGINT, then stops accepting connections, lets in-flight
 * requests finish and closes the database so nothing written is lost.
 */
export async function serve(config: Config): Promise<void> {
  const database = await openDatabase(config);
  await database.migrate();
  if (config.seedDemo && (await isDatabaseEmpty(database.db))) {
    await seedDemo(database.db, config.demoPassword, { items: true, filesDir: config.filesDir });
    printDemoAccounts(config.demoPassword);
  }
  const app = await buildApp({ config, database });
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
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`信报已启动：http://localhost:${config.port}（数据库：${database.kind}）`);
  // The segmenter's dictionaries take about half a second to load; load them now rather than
  // inside the first user's quality check or 提交签发 transaction.
  setImmediate(() => segment('信报启动'));
}
