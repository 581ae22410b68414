import { describe, expect, it } from 'vitest';
import { checkText } from './check.ts';
import type { Finding, RuleCode } from './findings.ts';

const GOOD_BODY =
  '3月5日，市财政局召开全市财政工作会议，总结2024年工作，安排部署今年重点任务。\n' +
  '会议指出，全年一般公共预算收入完成3.5亿元，同比增长6.2%。';

const check = (title: string, body = GOOD_BODY, extra: Partial<Parameters<typeof checkText>[0]> = {}) =>
  checkText({ title, body, ...extra }, ['绝密', '内部资料']);
const rules = (findings: Finding[]) => findings.map((f) => f.rule);
const only = (findings: Finding[], rule: RuleCode) => findings.filter((f) => f.rule === rule);

describe('a clean item', () => {
  it('has no findings at all', () => {
    expect(
      check('市财政局召开全市财政工作会议', GOOD_BODY, { authorPhone: '0358-7221234', signerName: '王军' }),
    ).toEqual([]);
  });
});

describe('empty title or body (fatal)', () => {
  it('flags a blank title and a blank body', () => {
    const findings = check('  ', ' \n \u3000 ');
    expect(rules(findings)).toEqual(['empty_title', 'empty_body']);
    expect(findings.every((f) => f.severity === 'fatal')).toBe(true);
  });
});

describe('placeholders (fatal)', () => {
  it.each([
    ['**', '今年共完成投资**万元。'],
    ['201*', '201*年以来，全市共建成公园三处。'],
    ['20**', '20**年全市粮食产量再创新高。'],
    ['XX', '由XX局牵头，各乡镇配合落实。'],
    ['xx', '联系人：xx同志。'],
    ['XXX', '副市长XXX出席会议并讲话。'],
    ['××', '××乡镇完成了任务。'],
    ['□□', '会议由□□主持。'],
    ['（此处补充数据）', '全年完成投资（此处补充数据），同比增长。'],
  ])('finds %s with its paragraph and an excerpt', (mark, sentence) => {
    const found = only(check('标题', `第一段正常。\n${sentence}`), 'placeholder');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'fatal', paragraph: 2 });
    expect(found[0].message).toContain(`“${mark}”`);
    expect(found[0].excerpt).toContain(mark);
  });

  it('reports at most 20 findings of one rule', () => {
    const found = only(check('标题', 'XX局、'.repeat(50)), 'placeholder');
    expect(found).toHaveLength(20);
  });

  it('numbers paragraphs as saved: Word line breaks split, blank lines do not count', () => {
    const [found] = only(
      check('标题', '第一段。\u000b\n\u3000\u3000\n\u3000\u3000第三行**。'),
      'placeholder',
    );
    expect(found.paragraph).toBe(2);
  });

  it('finds a placeholder in the title', () => {
    const [found] = only(check('关于20XX年防汛工作的报告'), 'placeholder');
    expect(found.message).toContain('标题');
    expect(found.paragraph).toBeUndefined();
  });

  it.each([
    ['a multiplication sign', '新建20×30米的广场一处。'],
    ['Latin words with x', '详见www.example.com/xxgk栏目和Xbox展台。'],
    ['a single asterisk', '备注*见附件。'],
    ['a plain year', '2025年全市粮食产量再创新高。'],
  ])('leaves %s alone', (_label, sentence) => {
    expect(only(check('标题', sentence), 'placeholder')).toEqual([]);
  });
});

describe('sensitive words (fatal)', () => {
  it('finds an active word, also with spaces inside it', () => {
    const found = only(check('市局会议纪要', '本文件为内部资料。\n密级：绝 密。'), 'sensitive_word');
    expect(found.map((f) => [f.paragraph, f.severity])).toEqual([
      [1, 'fatal'],
      [2, 'fatal'],
    ]);
    expect(found[0].message).toContain('内部资料');
    expect(found[1].message).toContain('绝密');
  });

  it('finds nothing when the list is empty or the text is clean', () => {
    expect(only(checkText({ title: '绝密', body: GOOD_BODY }), 'sensitive_word')).toEqual([]);
    expect(only(check('标题'), 'sensitive_word')).toEqual([]);
  });
});

describe('contacts', () => {
  it('blocks an empty author phone only when the field is given', () => {
    expect(only(check('标题', GOOD_BODY, { authorPhone: ' ' }), 'missing_author_phone')[0].severity).toBe(
      'fatal',
    );
    expect(only(check('标题', GOOD_BODY, { authorPhone: null }), 'missing_author_phone')).toHaveLength(1);
    expect(only(check('标题'), 'missing_author_phone')).toEqual([]);
    expect(only(check('标题', GOOD_BODY, { authorPhone: '13800001111' }), 'missing_author_phone')).toEqual(
      [],
    );
  });

  it('warns about a phone that is not one', () => {
    expect(rules(check('标题', GOOD_BODY, { authorPhone: '找小王' }))).toContain('invalid_author_phone');
    expect(rules(check('标题', GOOD_BODY, { authorPhone: '0358-7221234转8012' }))).not.toContain(
      'invalid_author_phone',
    );
  });

  it('warns about an empty signer only when the field is given', () => {
    const [found] = only(check('标题', GOOD_BODY, { signerName: '' }), 'missing_signer');
    expect(found.severity).toBe('warning');
    expect(only(check('标题', GOOD_BODY, { signerName: '李明' }), 'missing_signer')).toEqual([]);
    expect(only(check('标题'), 'missing_signer')).toEqual([]);
  });
});

describe('half-width punctuation inside Chinese text', () => {
  it('names the marks and their full-width forms, once per paragraph', () => {
    const found = only(
      check('标题', '会议强调,要压实责任;加强值守(全天候)。是否落实?\n第二段正常。'),
      'halfwidth_punctuation',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', paragraph: 1 });
    for (const pair of ['“,”', '“;”', '“(”', '“)”', '“?”', '“，”', '“；”', '“（”', '“）”', '“？”']) {
      expect(found[0].message).toContain(pair);
    }
  });

  it('judges a pair of parentheses as one', () => {
    const [found] = only(check('标题', '(1)加强组织领导。'), 'halfwidth_punctuation');
    expect(found.message).toContain('“(”“)”');
  });

  it('checks the title too', () => {
    expect(only(check('市财政局:召开会议'), 'halfwidth_punctuation')[0].message).toContain('标题');
  });

  it.each([
    ['ratios and times', '比例为1:2，会议于8:30开始。'],
    ['English text', '主题为Smart City, Green Life。'],
    ['decimals', '增长3.5%。'],
    ['an English parenthesis', '主题为“Smart City (SC)”。'],
  ])('leaves %s alone', (_label, sentence) => {
    expect(only(check('标题', sentence), 'halfwidth_punctuation')).toEqual([]);
  });
});

describe('quotation marks and brackets', () => {
  it.each([
    ['“”', '他说：“要抓落实。'],
    ['‘’', '他说：“要落实‘三个一’要求”。’'],
    ['（）', '成立领导小组（组长由市长担任。'],
    ['《》', '印发了《实施方案。'],
    ['【】', '】关于防汛的通知。'],
  ])('flags an unpaired %s in its paragraph', (pair, sentence) => {
    const found = only(check('标题', `正常段落。\n${sentence}`), 'unpaired_marks');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ paragraph: 2, severity: 'warning' });
    expect(found[0].message).toContain(pair);
  });

  it('accepts nested and balanced pairs', () => {
    const body = '印发《关于开展“三个一”活动的实施方案（试行）》，【要点】如下。';
    expect(only(check('标题', body), 'unpaired_marks')).toEqual([]);
  });
});

describe('paragraph shape', () => {
  it('flags a paragraph over 500 characters and leaves 500 alone', () => {
    const long = `${'全市上下积极推进各项工作落实。'.repeat(34)}`; // 510 characters
    const ok = `${'好'.repeat(499)}。`;
    const found = only(check('标题', `${ok}\n${long}`), 'long_paragraph');
    expect(found.map((f) => f.paragraph)).toEqual([2]);
  });

  it('flags a body of one sentence but not two', () => {
    expect(rules(check('标题', '市财政局召开会议，部署全年工作。'))).toContain('single_sentence');
    expect(rules(check('标题', '市财政局召开会议，部署全年工作'))).toContain('single_sentence');
    expect(rules(check('标题', '市财政局召开会议。会议部署了全年工作。'))).not.toContain('single_sentence');
  });

  it('flags a paragraph without any words', () => {
    const found = only(check('标题', `${GOOD_BODY}\n……`), 'empty_paragraph');
    expect(found.map((f) => f.paragraph)).toEqual([3]);
  });
});

describe('title length', () => {
  it('warns above 40 characters', () => {
    expect(rules(check('汾'.repeat(41)))).toContain('long_title');
    expect(rules(check('汾'.repeat(40)))).not.toContain('long_title');
  });

  it('says how long the title is and that an information title should be short', () => {
    const [found] = only(check('汾'.repeat(52)), 'long_title');
    expect(found.severity).toBe('warning');
    expect(found.message).toBe('标题较长（52 字），政务信息标题宜简洁，一般不超过 40 字');
  });
});

describe('repeated punctuation', () => {
  it.each([
    ['，，', '会议强调，，要压实责任。'],
    ['。。', '会议强调要压实责任。。下一步继续推进。'],
    ['、、', '财政局、、水务局参加。'],
    ['，。', '会议强调要压实责任，。'],
    ['！！', '成效显著！！'],
  ])('flags %s once per paragraph', (marks, sentence) => {
    const found = only(check('标题', `正常段落。\n${sentence}再来一次，，。`), 'repeated_punctuation');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', paragraph: 2 });
    expect(found[0].message).toContain(`“${marks}”`);
  });

  it('checks the title too', () => {
    expect(only(check('市财政局，，召开会议'), 'repeated_punctuation')[0].message).toContain('标题');
  });

  it.each([
    ['an ellipsis', '各项工作稳步推进……'],
    ['a dash', '“三个一”——一张网、一朵云、一平台。'],
    ['a question with an exclamation', '这能行吗？！'],
    ['a quote after a full stop', '他说：“要抓落实。”会议结束。'],
    ['single marks', '会议强调，要压实责任；加强值守。'],
  ])('leaves %s alone', (_label, sentence) => {
    expect(only(check('标题', sentence), 'repeated_punctuation')).toEqual([]);
  });
});

describe('an English full stop in Chinese text', () => {
  it.each([
    ['after a percentage at the end', '一般公共预算收入同比增长5.2%.'],
    ['after an ideograph', '会议部署了全年工作.下一步将抓好落实。'],
    ['after a number at the end', '全年新建公园5.'],
    ['after a closing bracket', '印发了《实施方案》.'],
  ])('flags it %s, suggesting “。”', (_label, sentence) => {
    const [found, ...rest] = only(check('标题', sentence), 'halfwidth_punctuation');
    expect(rest).toEqual([]);
    expect(found.message).toContain('“.”');
    expect(found.message).toContain('“。”');
  });

  it.each([
    ['decimals', '同比增长5.2%，完成3.5亿元。'],
    ['a heading number', '1.加强组织领导。'],
    ['a web address', '详见www.fenyang.gov.cn。'],
    ['English abbreviations', '引进U.S.企业2家。'],
    ['an ellipsis', '等等...'],
    ['a version number', '发布V2.0版本。'],
  ])('leaves %s alone', (_label, sentence) => {
    expect(only(check('标题', sentence), 'halfwidth_punctuation')).toEqual([]);
  });
});

describe('numbers and dates (GB/T 15835)', () => {
  const numbers = (body: string) =>
    check('标题', body).filter((f) =>
      [
        'year_numerals',
        'date_format',
        'fullwidth_digits',
        'number_numerals',
        'impossible_date',
        'range_hyphen',
      ].includes(f.rule),
    );

  it.each([
    ['year_numerals', '二〇二五年全市经济平稳运行。', '2025年'],
    ['date_format', '2025年3月5号召开会议。', '2025年3月5日'],
    ['date_format', '三月五日召开会议。', '3月5日'],
    ['date_format', '二〇二五年三月五日召开会议。', '2025年3月5日'],
    ['date_format', '2025年三月5日召开会议。', '2025年3月5日'],
    ['fullwidth_digits', '２０２５年全市经济平稳运行。', '2025'],
    ['number_numerals', '完成投资三点五亿元。', '3.5亿元'],
    ['number_numerals', '同比增长百分之十五点五。', '15.5%'],
    ['number_numerals', '拨付资金三千五百万元。', '3500万元'],
    ['impossible_date', '2月30日召开会议。', '2月30日'],
    ['impossible_date', '2025年2月29日召开会议。', '2月29日'],
    ['impossible_date', '13月1日召开会议。', '13月1日'],
    ['range_hyphen', '1-11月，全市完成投资。', '1—11月'],
    ['range_hyphen', '1-11月，全市完成投资。', '1～11月'],
    ['range_hyphen', '工期预计3-5天。', '3—5天'],
    ['range_hyphen', '2021-2025年规划编制完成。', '2021—2025年'],
    ['range_hyphen', '增幅为5%-8%。', '5%—8%'],
    ['range_hyphen', '增长1.5－2倍。', '1.5—2倍'],
    ['number_numerals', '全村共有一百二十三户。', '123户'],
    ['number_numerals', '培训三千五百人次。', '3500人次'],
    ['number_numerals', '新建一千二百座温室。', '1200座'],
  ])('%s: %s', (rule, body, quoted) => {
    const found = numbers(body);
    expect(found.map((f) => f.rule)).toEqual([rule]);
    expect(found[0].message).toContain(quoted);
    expect(found[0]).toMatchObject({ severity: 'warning', paragraph: 1 });
  });

  it.each([
    ['Arabic dates and amounts', '2025年3月5日，完成投资3.5亿元，增长15%。'],
    ['a leap day', '2024年2月29日召开会议。'],
    ['lunar dates', '农历八月十五日举办活动。'],
    ['approximate amounts', '投入三十多万元，惠及数千户。'],
    ['the idiom 百分之百', '百分之百落实到位。'],
    ['small round amounts', '奖励两万元。'],
    ['ordinals and plans', '“十四五”期间第三次会议召开。'],
    ['一方面 and 第一', '一方面加强领导，另一方面第一时间落实。'],
    ['Chinese month names', '十一月以来，各项工作有序推进。'],
    ['anniversaries', '七一前夕慰问老党员，八一建军节走访。'],
    ['a phone number', '联系电话：0358-7221234，手机13800001111转8012。'],
    ['an ISO date and a time span', '2025-03-05召开会议，时间为8:30-9:30。'],
    ['a standard number', '按GB/T 15835-2011执行。'],
    ['a figure number', '详见图1-2所示。'],
    ['ranges with the right marks', '1—11月、3～5天完成。'],
    ['small counts and round numbers in words', '全市二十五个乡镇参加，新建两百座温室。'],
    ['approximate counts', '惠及一百多户，数百人受益。'],
    ['ordinal counts', '第一百二十三次会议召开。'],
    ['Arabic decimals', '同比增长5.2%。'],
  ])('accepts %s', (_label, body) => {
    expect(numbers(body)).toEqual([]);
  });

  it('flags a date written two ways only once as a date', () => {
    const found = numbers('二〇二五年三月五号召开会议。');
    expect(found.map((f) => f.rule)).toEqual(['date_format']);
  });
});

describe('ordering', () => {
  it('puts fatal findings first, then title, then paragraph order', () => {
    const findings = check('关于XX的报告,请审阅', '第一段,内容。\n第二段**内容。', { authorPhone: '' });
    expect(findings.map((f) => [f.severity, f.paragraph ?? 0])).toEqual([
      ['fatal', 0],
      ['fatal', 0],
      ['fatal', 2],
      ['warning', 0],
      ['warning', 1],
    ]);
  });
});
