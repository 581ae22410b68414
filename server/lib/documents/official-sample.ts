import type { OfficialDocumentInput } from './official-layout.ts';

/**
 * A 通报 with a 3-page score-table annex (46 units × 序号/单位/报送/采用/加分/得分/排名): the
 * sample the 公文 tests, the bench and the acceptance script print. Deterministic.
 */
export function sampleOfficialNotice(): OfficialDocumentInput {
  const towns = [
    '杏花村镇',
    '贾家庄镇',
    '峪道河镇',
    '三泉镇',
    '阳城乡',
    '栗家庄乡',
    '演武镇',
    '石庄镇',
    '杨家庄镇',
    '西河乡',
  ];
  const streets = ['太和桥街道', '文峰街道', '西河街道'];
  const departments = [
    '市发展和改革局',
    '市教育科技局',
    '市公安局',
    '市民政局',
    '市司法局',
    '市财政局',
    '市人力资源和社会保障局',
    '市自然资源局',
    '市生态环境局',
    '市住房和城乡建设管理局',
    '市交通运输局',
    '市水务局',
    '市农业农村局',
    '市商务局',
    '市文化和旅游局',
    '市卫生健康和体育局',
    '市退役军人事务局',
    '市应急管理局',
    '市审计局',
    '市市场监督管理局',
    '市统计局',
    '市医疗保障局',
    '市行政审批服务管理局',
    '市能源局',
    '市信访局',
    '市林业局',
    '市政务信息化中心',
    '市融媒体中心',
    '市供销合作社联合社',
    '市汾酒产业发展服务中心',
    '市税务局',
    '市气象局',
    '国网汾阳市供电公司',
  ];
  const units = [...towns, ...streets, ...departments];
  const scored = units.map((name, k) => {
    const submitted = 60 - ((k * 7) % 41);
    const adopted = Math.max(0, Math.floor(submitted / 2) - (k % 5));
    const bonus = (k * 3) % 4 === 0 ? 10 : (k % 3) * 2;
    return { name, submitted, adopted, bonus, score: adopted * 3 + bonus };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh'));
  const rank = new Map(ranked.map((u, k) => [u.name, k + 1]));
  return {
    copyNumber: 12,
    issuerMark: '汾阳市人民政府办公室文件',
    documentNumber: '汾政办发〔2026〕12号',
    title: '关于2026年度政务信息工作考评结果的通报',
    addressee: '各乡镇人民政府、街道办事处，市直各有关单位',
    body: [
      '2026年，各乡镇（街道）和市直各单位认真贯彻落实市委、市政府关于加强政务信息工作的部署要求，围绕中心、服务大局，及时反映工作动态和社会情况，为市委、市政府科学决策提供了有力服务。根据《汾阳市政务信息工作考核办法》，市政府办公室对全年政务信息报送和采用情况进行了考评，现将有关情况通报如下。',
      '一、总体情况',
      '全年共收到各单位报送信息2046条，采用1021条，其中被吕梁市政府办公室采用186条，被省政府办公厅采用23条，获市级以上领导批示9条。杏花村镇、市财政局、市水务局等单位报送数量多、质量高，反映情况及时准确。',
      '二、存在问题',
      '（一）报送不均衡。部分单位全年报送信息不足10条，个别单位连续三个月零报送、零采用。',
      '（二）质量有待提高。部分信息就事论事，缺少分析和建议，动态类信息多，经验类、问题类信息少。',
      '三、下一步要求',
      '各单位要进一步提高对政务信息工作的认识，明确分管领导和信息员，建立健全信息报送机制，突出反映新情况、新问题、新经验，切实提高信息报送的时效性和针对性。',
    ],
    signature: '汾阳市人民政府办公室',
    date: new Date(2026, 11, 3),
    note: '联系人：王丽，联系电话：0358-7221234',
    attachments: [
      {
        title: '2026年度政务信息工作考评得分情况',
        blocks: [
          {
            kind: 'table',
            table: {
              columns: [
                { title: '序号' },
                { title: '单位', align: 'left' },
                { title: '报送' },
                { title: '采用' },
                { title: '加分' },
                { title: '得分' },
                { title: '排名' },
              ],
              rows: scored.map((u, k) => [
                String(k + 1),
                u.name,
                String(u.submitted),
                String(u.adopted),
                String(u.bonus),
                String(u.score),
                String(rank.get(u.name)),
              ]),
            },
          },
        ],
      },
    ],
    colophon: {
      cc: ['市委办公室', '市人大常委会办公室', '市政协办公室', '吕梁市人民政府办公室'],
      printer: '汾阳市人民政府办公室',
      printDate: new Date(2026, 11, 3),
    },
  };
}
