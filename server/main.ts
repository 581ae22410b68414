import { Command } from 'commander';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { isDatabaseEmpty, printDemoAccounts, seedDemo } from './db/seed/demo.ts';
import { initInstallation } from './db/seed/init.ts';
import { addUserFromCli, resetPasswordFromCli } from './modules/users/index.ts';

const program = new Command()
  .name('xinbao')
  .description('信报 Xinbao — 政务信息工作平台。配置通过环境变量传入，见 README.md。')
  .showHelpAfterError();

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

/**
 * Opens the database for one command. The embedded data directory is refused (before anything is
 * written) while a server or another command holds it; on PostgreSQL the command waits for an
 * instance that is migrating or seeding, then migrates and does its work under the same lock.
 */
async function withDatabase<T>(command: string, fn: (db: Database, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const database = await openDatabase({ ...cfg, command: `xinbao ${command}` });
  try {
    return await database.withStartupLock(async () => {
      await database.migrate();
      return fn(database, cfg);
    });
  } finally {
    await database.close();
  }
}

program
  .command('serve')
  .description('启动服务（自动迁移数据库；空库时载入演示数据，XINBAO_SEED_DEMO=false 可关闭）')
  .action(async () => {
    const cfg = config();
    const { serve } = await import('./serve.ts');
    await serve(cfg);
  });

program
  .command('migrate')
  .description('执行数据库迁移后退出')
  .action(() => withDatabase('migrate', async (db) => console.log(`数据库迁移完成（${db.kind}）`)));

program
  .command('seed')
  .description('载入数据')
  .argument('<what>', '只支持 demo：演示城市（汾阳市及其上级、单位、账号，以及上一年度的演示信息）')
  .action((what: string) =>
    withDatabase('seed demo', async (database, cfg) => {
      if (what !== 'demo') {
        console.error(`未知的数据集：${what}（可用：demo）`);
        process.exitCode = 2;
        return;
      }
      if (!(await isDatabaseEmpty(database.db))) {
        console.error('数据库中已有单位数据，演示数据只能载入空库。请换一个 DATA_DIR 或数据库。');
        process.exitCode = 1;
        return;
      }
      await seedDemo(database.db, cfg.demoPassword, { items: true, filesDir: cfg.filesDir });
      printDemoAccounts(cfg.demoPassword);
    }),
  );

program
  .command('init')
  .description('生产环境初始化：建立本级办公室和三员（系统管理员、安全管理员、审计员）账号')
  .requiredOption('--office <name>', '本级办公室全称，如：汾阳市人民政府办公室')
  .option('--short-name <name>', '简称，如：汾阳市政府办')
  .option('--level <level>', '层级：county | city | province', 'county')
  .requiredOption('--password <password>', '三员账号的初始密码（首次登录须修改）')
  .action((opts: { office: string; shortName?: string; level: string; password: string }) =>
    withDatabase('init', async (database, cfg) => {
      const result = await initInstallation(database.db, cfg, opts);
      console.log(`已初始化：${opts.office}`);
      for (const u of result.usernames) console.log(`  账号 ${u}（首次登录须修改密码）`);
    }),
  );

const user = program.command('user').description('账号管理');
user
  .command('add')
  .description('新建账号（首次登录须修改密码）')
  .requiredOption('--username <username>', '用户名')
  .requiredOption('--name <name>', '姓名')
  .requiredOption('--unit <code>', '所属单位编码')
  .requiredOption(
    '--role <roles>',
    '角色代码，逗号分隔：reporter,unit_signer,editor,chief_editor,leader,sysadmin,secadmin,auditor',
  )
  .requiredOption('--password <password>', '初始密码')
  .option('--phone <phone>', '手机号')
  .action((opts) => withDatabase('user add', (database, cfg) => addUserFromCli(database.db, cfg, opts)));
user
  .command('reset-password')
  .description('重置密码并解除锁定（下次登录须修改密码）')
  .requiredOption('--username <username>', '用户名')
  .requiredOption('--password <password>', '新的临时密码')
  .action((opts) =>
    withDatabase('user reset-password', (database, cfg) => resetPasswordFromCli(database.db, cfg, opts)),
  );

program
  .command('reindex')
  .description('重建全文检索索引（信息、刊物期次、批示、约稿）')
  .action(() =>
    withDatabase('reindex', async (database) => {
      const started = performance.now();
      const { countsText, reindexAll } = await import('./modules/search/index.ts');
      const counts = await reindexAll(database.db);
      console.log(
        `检索索引已重建：${countsText(counts)}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`,
      );
    }),
  );

program
  .command('check-document')
  .description(
    '检查文档排版：读 XML、经 LibreOffice 打印并测量版面（版心、行数、标题、页码、版记），可与打印预览比对；不需要数据库',
  )
  .argument('<file>', 'Word 文档（.docx）')
  .option('--preview <file>', '同一文档的打印预览（.html），比对分行与分页')
  .option('--kind <kind>', '文档类型：briefing 简报 | official 公文（默认按首页判断）')
  .option('--json', '以 JSON 输出报告')
  .action(async (file: string, opts: { preview?: string; kind?: string; json?: boolean }) => {
    const { checkDocumentFromCli } = await import('./lib/documents/rendered/cli.ts');
    process.exitCode = await checkDocumentFromCli(file, opts);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
