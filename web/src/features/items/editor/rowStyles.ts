/**
 * Row highlights of the editor's queues (inside an element with class `xb-queue`): light red for
 * urgent or overdue items, the brand tint and a left bar for the keyboard's current row. Antd
 * styles cells, not rows, so the rules target the cells (the fixed 操作 column included).
 * `xb-clamp-2` cuts a title at two lines.
 */
export const ROW_STYLES = `
.xb-queue .ant-table-tbody > tr.xb-row-alert:not(.ant-table-row-selected) > td { background: #fff1f0; }
.xb-queue .ant-table-tbody > tr.xb-row-alert:not(.ant-table-row-selected):hover > td { background: #ffe7e5; }
.xb-queue .ant-table-tbody > tr.ant-table-row.xb-row-active > td { background: #e3ebf7; }
.xb-queue .ant-table-tbody > tr.ant-table-row.xb-row-active > td:first-child { box-shadow: inset 3px 0 0 #1f4e9c; }
.xb-queue .xb-clamp-2 { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
`;
