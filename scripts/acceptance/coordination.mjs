// Acceptance walkthrough of issue 10 (coordination) on the real server and API: a 约稿 to two
// units with read receipts, one answering with an item tagged to a 报送要点 and one declining; the
// item taken and circulated, the leader's 批示 on it, 交办 to the unit, its 落实反馈 accepted; the
// messages each side received; a unit's liaison filing and the office's 通讯录; a meeting with
// attendance in the year's figures. The browser screens are covered by the e2e tests.

export const title = '协同：约稿、报送要点、领导批示与落实反馈、消息、联络员备案、会议培训 / Coordination';

const PASSWORD = process.env.XINBAO_DEMO_PASSWORD ?? 'Xinbao@2026';
const DAY = 86_400_000;
/** A date in Beijing, `days` from now. */
const chinaDay = (days = 0) => new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The caller's live stream (GET /api/notifications/stream), as an open page holds it: every event
 * is collected; `next(event, test)` waits for one that arrives from now on.
 */
async function openStream(baseUrl, who) {
  const abort = new AbortController();
  const cookie = [...who.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${baseUrl}/api/notifications/stream`, {
    headers: { cookie },
    signal: abort.signal,
  });
  if (res.status !== 200) throw new Error(`消息推送连接失败 / stream answered ${res.status}`);
  const events = [];
  const waiters = [];
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event) {
            const e = { event, data: data ? JSON.parse(data) : null, index: events.length };
            events.push(e);
            for (const w of [...waiters]) if (w.match(e)) w.resolve(e);
          }
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    /**
     * The first event named `event` (passing `test`) after the ones seen so far — or since the
     * stream opened, with `fromStart` — within 10 s.
     */
    next(event, test = () => true, fromStart = false) {
      const from = fromStart ? 0 : events.length;
      const match = (e) => e.index >= from && e.event === event && test(e.data);
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = {
          match,
          resolve: (e) => {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(w), 1);
            resolve(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`10 秒内未收到推送 ${event} / no live ${event} event within 10 s`));
        }, 10_000);
        waiters.push(w);
      });
    },
    close: () => abort.abort(),
  };
}

export async function run({ baseUrl, step, expect, client }) {
  const suffix = Date.now().toString(36).slice(-5);
  const as = {};
  const ids = {};
  let commission;
  let item;
  let instruction;

  const kinds = async (who) => {
    const res = await as[who].get('/api/notifications?pageSize=100');
    expect.status(res, 200, `${who} 消息中心 / notifications`);
    return (res.body?.items ?? []).map((n) => n.kind);
  };

  await step('各角色登录', 'log in as the editor, the leader and two units', async () => {
    for (const u of ['editor', 'leader', 'fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy']) {
      const c = client(u);
      expect.status(await c.login(u, PASSWORD), 200, `登录 / login ${u}`);
      as[u] = c;
    }
    const orgs = await as.editor.get('/api/orgs');
    expect.status(orgs, 200);
    for (const o of orgs.body?.items ?? []) ids[o.code] = o.id;
    expect.true(Boolean(ids.fy_czj && ids.fy_swj), '财政局、水务局 / the two units', Object.keys(ids).length);
  });

  await step('发布报送要点', 'the office publishes a priority topic for this month', async () => {
    const start = `${chinaDay().slice(0, 7)}-01`;
    const created = await as.editor.post('/api/topics', {
      title: `优化营商环境（验收${suffix}）`,
      description: '围绕惠企政策落地、审批提速报送经验做法。',
      periodStart: start,
      periodEnd: chinaDay(30),
    });
    expect.status(created, 201, '新建要点 / create topic');
    const published = await as.editor.post(`/api/topics/${created.body.id}/publish`, {
      version: created.body.version,
    });
    expect.status(published, 200, '发布要点 / publish');
    ids.topic = created.body.id;
    const current = await as.fy_czj_xxy.get('/api/topics/current');
    expect.status(current, 200);
    expect.includes(
      (current.body?.items ?? []).map((t) => t.id),
      ids.topic,
      '财政局首页的当前要点 / on the unit’s home page',
    );
  });

  await step('约稿：起草、签发、已读回执', 'a commission to two units, issued, read by one', async () => {
    const bad = await as.editor.post('/api/commissions', {
      topic: '',
      requirements: '',
      deadline: chinaDay(-1),
      contactName: '张文秀',
      contactPhone: '0358-7220000',
      unitIds: [ids.fy_czj],
    });
    expect.status(bad, 400, '空主题、过期截止时间被拒 / bad input refused');
    expect.chinese(bad.body?.message, '错误信息 / message');
    const draft = await as.editor.post('/api/commissions', {
      topic: `惠企政策落地情况（验收${suffix}）`,
      requirements: '请报送本单位落实惠企政策的具体做法、成效和典型案例，每篇不超过 800 字。',
      deadline: chinaDay(5),
      contactName: '张文秀',
      contactPhone: '0358-7220000',
      unitIds: [ids.fy_czj, ids.fy_swj],
    });
    expect.status(draft, 201, '约稿草稿 / draft');
    const issued = await as.editor.post(`/api/commissions/${draft.body.id}/issue`, {
      version: draft.body.version,
    });
    expect.status(issued, 200, '签发下发 / issue');
    expect.true(
      /约〔\d{4}〕\d+号/.test(issued.body?.numberLabel ?? ''),
      '约稿编号 / number',
      issued.body?.numberLabel,
    );
    expect.equal(issued.body?.counts?.read, 0, '下发时已读 0 / none read yet');
    const opened = await as.fy_czj_xxy.get(`/api/commissions/${draft.body.id}`);
    expect.status(opened, 200, '财政局打开约稿 / the unit opens it');
    const other = await as.fy_czj_xxy.get(`/api/commissions/${draft.body.id}`);
    expect.equal(other.body?.targets?.length, 1, '单位只看到本单位 / the unit sees only itself');
    const office = await as.editor.get(`/api/commissions/${draft.body.id}`);
    expect.equal(office.body?.counts?.read, 1, '已读 1 / 2 / read receipt counted once');
    const docx = await as.editor.get(`/api/commissions/${draft.body.id}/notice.docx`, { raw: true });
    expect.status(docx, 200, '约稿通知单 Word / notice');
    expect.equal(docx.buffer?.subarray(0, 2).toString(), 'PK', 'DOCX 是 zip / a real DOCX');
    commission = office.body;
  });

  await step(
    '应约报送：关联约稿和报送要点的信息，签发后即答复',
    'the unit answers with an item tagged to the topic',
    async () => {
      const created = await as.fy_czj_xxy.post('/api/items', {
        title: `市财政局惠企资金“免申即享”直达企业（验收${suffix}）`,
        body: '市财政局推行惠企资金“免申即享”，通过数据比对主动识别符合条件的企业，今年已向86家企业直接拨付资金2300万元，平均到账时间缩短至3个工作日。',
        categoryCode: 'dynamic',
        priority: 'normal',
        secrecy: 'public',
        keywords: [],
        authorPhone: '13935800001',
        commissionId: commission.id,
        topicId: ids.topic,
      });
      expect.status(created, 201, '写信息 / create item');
      expect.equal(created.body?.topic?.id, ids.topic, '信息带报送要点 / tagged');
      let row = created.body;
      const sent = await as.fy_czj_xxy.post(`/api/items/${row.id}/actions/submit_for_signoff`, {
        version: row.version,
      });
      expect.status(sent, 200, '提交签发 / submit for sign-off');
      row = sent.body;
      const signed = await as.fy_czj_qf.post(`/api/items/${row.id}/actions/sign`, { version: row.version });
      expect.status(signed, 200, '签发报送 / sign');
      item = signed.body;
      const declined = await as.fy_swj_xxy.post(`/api/commissions/${commission.id}/decline`, {
        reason: '本单位近期无相关工作，暂无稿件。',
      });
      expect.status(declined, 200, '水务局说明原因 / the other unit declines');
      const office = await as.editor.get(`/api/commissions/${commission.id}`);
      expect.equal(office.body?.counts?.answered, 1, '已报送 1 / answered');
      expect.equal(office.body?.counts?.declined, 1, '已婉拒 1 / declined');
      const czj = office.body?.targets?.find((t) => t.unit.id === ids.fy_czj);
      expect.includes(
        (czj?.items ?? []).map((i) => i.id),
        item.id,
        '答复关联的信息 / the linked item',
      );
      const topic = await as.editor.get(`/api/topics/${ids.topic}`);
      expect.equal(topic.body?.stats?.submitted, 1, '要点报送数 / topic count');
    },
  );

  await step(
    '拟采用并传阅给领导，领导批示',
    'taken, circulated to the leader, who writes an instruction',
    async () => {
      const pubs = await as.editor.get('/api/publications?scope=own');
      const pub = (pubs.body ?? []).find((p) => p.name === '汾阳政务信息');
      const accepted = await as.editor.post(`/api/items/${item.id}/actions/accept`, {
        version: item.version,
        targetPublicationId: pub?.id,
      });
      expect.status(accepted, 200, '拟采用 / accept');
      const me = await as.leader.get('/api/auth/me');
      const circulated = await as.editor.post('/api/circulations', {
        itemId: item.id,
        recipientIds: [me.body.user.id],
      });
      expect.status(circulated, 201, '传阅 / circulate');
      const notMine = await as.fy_czj_xxy.post('/api/instructions', { itemId: item.id, text: '请落实。' });
      expect.status(notMine, 403, '信息员不能批示 / a reporter cannot instruct');
      const written = await as.leader.post('/api/instructions', {
        itemId: item.id,
        text: '此做法很好，请市财政局进一步扩大“免申即享”范围，月底前报告进展。',
        leaderTitle: '副市长',
      });
      expect.status(written, 201, '写批示 / write');
      instruction = written.body;
      const detail = await as.editor.get(`/api/items/${item.id}`);
      expect.includes(
        (detail.body?.instructions ?? []).map((m) => m.id),
        instruction.id,
        '信息页的批示标记 / marker on the item',
      );
    },
  );

  await step(
    '交办、落实反馈、审核办结（页面实时更新）',
    'assigned, reported on, accepted and closed; open pages hear of it live',
    async () => {
      const unitPage = await openStream(baseUrl, as.fy_czj_xxy);
      const officePage = await openStream(baseUrl, as.editor);
      // Every connection starts with the bell's count.
      const first = await unitPage.next('unread', () => true, true);
      const bellAfterAssign = unitPage.next('unread', (d) => d.unread > first.data.unread);
      const listAfterAssign = unitPage.next('instructions');
      const assigned = await as.editor.post(`/api/instructions/${instruction.id}/assignments`, {
        assignments: [{ unitId: ids.fy_czj, deadline: chinaDay(7), requirement: '请书面报送落实情况。' }],
        version: instruction.version,
      });
      expect.status(assigned, 200, '交办 / assign');
      const bell = await bellAfterAssign;
      expect.true(
        bell.data.unread > first.data.unread,
        '信息员的铃铛即时加一 / the unit’s bell goes up live',
        bell.data,
      );
      await listAfterAssign;
      const a = assigned.body.assignments[0];
      const foreign = await as.fy_swj_xxy.post(`/api/instruction-assignments/${a.id}/feedback`, {
        text: '已落实。',
        version: a.version,
      });
      expect.true(
        [403, 404].includes(foreign.status),
        '他单位不能反馈 / another unit refused',
        foreign.status,
      );
      const fed = await as.fy_czj_xxy.post(`/api/instruction-assignments/${a.id}/feedback`, {
        text: '已将“免申即享”扩大到稳岗补贴等 6 类资金，本月新增直达企业 42 家。',
        version: a.version,
      });
      const officeList = officePage.next('instructions');
      expect.status(fed, 201, '报送落实反馈 / feedback');
      await officeList;
      const now = await as.editor.get(`/api/instructions/${instruction.id}`);
      const current = now.body.assignments[0];
      const decided = await as.editor.post(`/api/instruction-assignments/${current.id}/decision`, {
        decision: 'accepted',
        note: '同意办结。',
        version: current.version,
      });
      expect.status(decided, 200, '审核通过 / accepted');
      const closed = await as.editor.get(`/api/instructions/${instruction.id}`);
      expect.equal(closed.body?.status, 'closed', '批示已办结 / closed when every unit is done');
      unitPage.close();
      officePage.close();
    },
  );

  await step('消息中心：各方收到的消息', 'each side was told', async () => {
    const unit = await kinds('fy_czj_xxy');
    for (const k of ['commission_issued', 'instruction_assigned'])
      expect.includes(unit, k, `财政局收到 / unit got ${k}`);
    const office = await kinds('editor');
    for (const k of ['commission_answered', 'instruction_written'])
      expect.includes(office, k, `信息科收到 / office got ${k}`);
    const count = await as.fy_czj_xxy.get('/api/notifications/unread-count');
    expect.status(count, 200);
    expect.true(count.body?.unread > 0, '未读计数 / unread count', count.body?.unread);
  });

  await step(
    '联络员备案与通讯录',
    'a unit files its liaison for next year; the office exports the registry',
    async () => {
      const year = Number(chinaDay().slice(0, 4)) + 1;
      const bad = await as.fy_swj_xxy.put(`/api/liaison/${ids.fy_swj}/${year}`, {
        leaderName: '王建军',
        leaderTitle: '副局长',
        leaderPhone: '0358-7221001',
        reporterName: '吴海燕',
        reporterPhone: '0358-7221002',
        reporterMobile: '123',
      });
      expect.status(bad, 400, '手机号错误被拒 / bad mobile refused');
      const filed = await as.fy_swj_xxy.put(`/api/liaison/${ids.fy_swj}/${year}`, {
        leaderName: '王建军',
        leaderTitle: '副局长',
        leaderPhone: '0358-7221001',
        reporterName: '吴海燕',
        reporterPhone: '0358-7221002',
        reporterMobile: '13903581234',
      });
      expect.true(
        [200, 409].includes(filed.status),
        '备案 / filed (or filed before on this server)',
        filed.status,
      );
      const registry = await as.editor.get(`/api/liaison?year=${year}`);
      expect.status(registry, 200);
      const fy = (registry.body?.offices ?? []).find((o) => o.office.id === ids.fy);
      const swj = fy?.units?.find((u) => u.unit.id === ids.fy_swj);
      expect.equal(swj?.status, 'filed', '信息科看到已备案 / the office sees it filed');
      const xlsx = await as.editor.get(`/api/liaison/export.xlsx?year=${year}`, { raw: true });
      expect.status(xlsx, 200, '通讯录 Excel / export');
      expect.equal(xlsx.buffer?.subarray(0, 2).toString(), 'PK', 'XLSX 是 zip / a real workbook');
    },
  );

  await step('会议培训：登记、出席、年度统计', 'a meeting with attendance counts in the year', async () => {
    const year = Number(chinaDay().slice(0, 4));
    const before = await as.editor.get(`/api/meetings/stats?year=${year}`);
    expect.status(before, 200);
    const startsAt = `${chinaDay(-1)}T09:00:00+08:00`;
    const created = await as.editor.post('/api/meetings', {
      kind: 'video_conference',
      level: 'county',
      title: `全市政务信息工作调度视频会（验收${suffix}）`,
      organiser: '汾阳市人民政府办公室',
      startsAt,
      endsAt: `${chinaDay(-1)}T10:00:00+08:00`,
      location: '市政府视频会议室',
      unitIds: [ids.fy_czj],
    });
    expect.status(created, 201, '登记会议 / create');
    const marked = await as.editor.put(`/api/meetings/${created.body.id}/attendance`, {
      attendance: [{ unitId: ids.fy_czj, attendance: 'present', attendees: ['杨晓东', '刘芳'] }],
      version: created.body.version,
    });
    expect.status(marked, 200, '出席登记 / attendance');
    const after = await as.editor.get(`/api/meetings/stats?year=${year}`);
    expect.equal(
      after.body?.totals?.personTimes,
      (before.body?.totals?.personTimes ?? 0) + 2,
      '参会人次增加 2 / two more person-times',
    );
    const unitView = await as.fy_czj_xxy.get(`/api/meetings/${created.body.id}`);
    expect.status(unitView, 200, '受邀单位可见 / the invited unit sees it');
    expect.equal(unitView.body?.checklist, null, '单位看不到保障清单 / no checklist for units');
    const other = await as.fy_swj_xxy.get(`/api/meetings/${created.body.id}`);
    expect.status(other, 404, '未受邀单位不可见 / others do not');
  });
}
