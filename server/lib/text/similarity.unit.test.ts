import { describe, expect, it } from 'vitest';
import { addWords, contentTokens, segment } from './segment.ts';
import { itemVectors, textSimilarity } from './similarity.ts';

const flood = {
  title: '汾阳市水务局全力做好汛期防汛准备工作',
  body:
    '入汛以来，汾阳市水务局高度重视防汛工作，组织技术人员对全市12座水库、36处淤地坝开展拉网式排查，整改隐患8处。\n' +
    '同时储备编织袋2万条、砂石料3000立方米，组建抢险队伍5支，确保安全度汛。',
};
/** The same facts reported again in other words, under another title. */
const floodAgain = {
  title: '汾阳市水务局扎实开展汛前隐患排查',
  body:
    '今年入汛前，市水务局组织技术人员对全市12座水库和36处淤地坝进行拉网式排查，共发现并整改隐患8处。\n' +
    '储备防汛物资编织袋2万条、砂石料3000立方米，组建5支抢险队伍。',
};
/** Same unit, same season, a different event. */
const floodMeeting = {
  title: '汾阳市水务局召开防汛工作会议',
  body: '6月10日，汾阳市水务局召开防汛工作会议，传达省市防汛会议精神，安排部署今年防汛工作。会议要求，各科室要压实责任，加强值班值守，确保安全度汛。',
};
const budget = {
  title: '汾阳市财政局加快推进预算绩效管理改革',
  body: '今年以来，汾阳市财政局以全面实施预算绩效管理为抓手，将绩效目标管理覆盖到全部预算单位，开展重点项目绩效评价23个，涉及资金3.5亿元。',
};

describe('segmentation', () => {
  it('keeps place names whole and learns registry names', () => {
    expect(segment('杏花村镇位于汾阳市北部')).toEqual(expect.arrayContaining(['杏花村镇', '汾阳市']));
    expect(segment('双百双千办召开会议')).not.toContain('双百双千办');
    expect(addWords(['双百双千办', ' ', '双百双千办'])).toBe(1);
    expect(addWords(['双百双千办'])).toBe(0);
    expect(segment('双百双千办召开会议')).toContain('双百双千办');
  });

  it('drops punctuation, numbers, single characters and stop words', () => {
    expect(contentTokens('2025年，我们进一步加强防汛工作。')).toEqual(['防汛']);
  });
});

describe('similarity', () => {
  it('is 1 for the same text and 0 for nothing in common', () => {
    expect(textSimilarity(flood, flood)).toBeCloseTo(1, 5);
    expect(textSimilarity(flood, { title: '', body: '' })).toBe(0);
  });

  it('sees a rewritten report of the same facts as a near-duplicate', () => {
    expect(textSimilarity(flood, floodAgain)).toBeGreaterThanOrEqual(0.6);
  });

  it('does not confuse items on related or other subjects', () => {
    expect(textSimilarity(flood, floodMeeting)).toBeLessThan(0.6);
    expect(textSimilarity(flood, budget)).toBeLessThan(0.2);
  });

  it('weighs the title: the same body under the same title is closer than under another', () => {
    const sameTitle = { title: flood.title, body: floodAgain.body };
    expect(textSimilarity(flood, sameTitle)).toBeGreaterThan(textSimilarity(flood, floodAgain));
    const full = itemVectors(flood.title, flood.body).full;
    expect(full.get('汛期')).toBeGreaterThan(0);
  });

  it('is symmetric', () => {
    expect(textSimilarity(flood, floodAgain)).toBeCloseTo(textSimilarity(floodAgain, flood), 10);
  });
});
