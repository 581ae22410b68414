// The toolkit of the acceptance walkthroughs: narrated steps (✔/✘, Chinese + English), an HTTP
// client with a cookie jar that sends the CSRF token like the web UI, and small checks that
// print what was expected and what came back.
import ExcelJS from 'exceljs';

/** A failed expectation; the runner prints `expected` and `actual` under the step. */
export class Failure extends Error {
  constructor(message, expected, actual) {
    super(message);
    this.expected = expected;
    this.actual = actual;
  }
}

const show = (v) => {
  if (typeof v === 'string') return v.length > 600 ? `${v.slice(0, 600)}…` : v;
  const s = JSON.stringify(v, null, 0);
  return s && s.length > 600 ? `${s.slice(0, 600)}…` : s;
};

/** Checks that throw a Failure carrying expected and actual values. */
export const expect = {
  /** The response has the status; `actual` shows the body so a failure explains itself. */
  status(res, expected, what = `${res.method} ${res.path}`) {
    const list = Array.isArray(expected) ? expected : [expected];
    if (!list.includes(res.status)) {
      throw new Failure(
        `${what} 状态码不符 / unexpected status`,
        `HTTP ${list.join(' 或 ')}`,
        `HTTP ${res.status} ${show(res.body ?? res.text)}`,
      );
    }
  },
  equal(actual, expected, what) {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Failure(what, expected, actual);
  },
  true(condition, what, actual, expected = true) {
    if (!condition) throw new Failure(what, expected, actual);
  },
  includes(list, item, what) {
    if (!list.includes(item)) throw new Failure(what, `包含 / contains ${show(item)}`, list);
  },
  excludes(list, item, what) {
    if (list.includes(item)) throw new Failure(what, `不包含 / does not contain ${show(item)}`, list);
  },
  chinese(text, what) {
    if (typeof text !== 'string' || !/[\u4e00-\u9fff]/.test(text))
      throw new Failure(what, '中文提示 / a Chinese message', text);
  },
};

/** An HTTP client for one person: keeps cookies, sends x-csrf-token on unsafe requests. */
export class HttpClient {
  constructor(baseUrl, name = 'anonymous') {
    this.baseUrl = baseUrl;
    this.name = name;
    this.cookies = new Map();
    this.csrfToken = null;
  }

  async request(method, path, { json, form, headers = {}, raw = false } = {}) {
    const h = { ...headers };
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) h.cookie = cookie;
    if (!['GET', 'HEAD'].includes(method) && this.csrfToken) h['x-csrf-token'] = this.csrfToken;
    let body;
    if (json !== undefined) {
      h['content-type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (form) body = form;
    const res = await fetch(this.baseUrl + path, { method, headers: h, body, redirect: 'follow' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const out = {
      method,
      path,
      status: res.status,
      headers: res.headers,
      setCookie: res.headers.getSetCookie(),
    };
    if (raw) {
      out.buffer = Buffer.from(await res.arrayBuffer());
      return out;
    }
    out.text = await res.text();
    try {
      out.body = JSON.parse(out.text);
    } catch {
      out.body = undefined;
    }
    return out;
  }

  get(path, opts) {
    return this.request('GET', path, opts);
  }
  post(path, json, opts = {}) {
    return this.request('POST', path, { ...opts, json });
  }
  patch(path, json, opts = {}) {
    return this.request('PATCH', path, { ...opts, json });
  }
  put(path, json, opts = {}) {
    return this.request('PUT', path, { ...opts, json });
  }

  /** Logs in and keeps the session cookie and CSRF token. Returns the raw response. */
  async login(username, password) {
    this.name = username;
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status === 200) this.csrfToken = res.body.csrfToken;
    return res;
  }

  /** Sends a file as multipart field `file`, as the upload control does. */
  upload(path, filename, buffer, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
    const form = new FormData();
    form.append('file', new Blob([buffer], { type }), filename);
    return this.request('POST', path, { form });
  }
}

/** Builds a one-sheet .xlsx from a header row and data rows. */
export async function buildWorkbook(headers, rows, sheetName = '单位') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the first sheet of an .xlsx into arrays of cell texts. */
export async function readWorkbook(buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  const ws = wb.worksheets[0];
  const rows = [];
  ws.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(
      values.map((v) => (v == null ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v))),
    );
  });
  return rows;
}

/**
 * Runs narrated steps: prints ✔ or ✘ per step; the first failure prints what was expected and
 * what came back, and stops the walkthrough.
 */
export function createNarrator() {
  let n = 0;
  const passed = [];
  return {
    passed,
    async step(zh, en, fn) {
      n += 1;
      const label = `${String(n).padStart(2)}. ${zh} / ${en}`;
      const t0 = Date.now();
      try {
        const note = await fn();
        const ms = Date.now() - t0;
        console.log(`✔ ${label}${note ? ` — ${note}` : ''} (${ms} ms)`);
        passed.push(label);
        return note;
      } catch (e) {
        console.log(`✘ ${label}`);
        if (e instanceof Failure) {
          console.log(`     ${e.message}`);
          console.log(`     期望 / expected: ${show(e.expected)}`);
          console.log(`     实际 / got:      ${show(e.actual)}`);
        } else {
          console.log(`     ${e?.stack ?? e}`);
        }
        throw new StopWalkthrough(label);
      }
    },
  };
}

/** Thrown after a failed step has been reported, to stop the scenario. */
export class StopWalkthrough extends Error {}
