/**
 * Function words and boilerplate that carry no subject matter in government writing. Tokens of one
 * character are dropped anyway, so only longer words need listing.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '一个 一些 一是 二是 三是 四是 五是 一方面 另一方面 以及 及其 或者 并且 而且 但是 然而 因为 所以 因此 ' +
    '由于 为了 通过 根据 按照 关于 对于 其中 其他 其它 有关 相关 这些 那些 这个 那个 这样 那样 此次 本次 ' +
    '我们 他们 你们 自己 进行 开展 加强 推进 推动 实现 做好 抓好 切实 认真 积极 不断 进一步 全面 持续 ' +
    '已经 正在 目前 当前 今年 去年 近日 日前 近期 同时 还是 还有 以来 以上 以下 之一 等等 方面 工作 ' +
    '可以 能够 需要 应当 必须 没有 不是 就是 如果 虽然 只有 只要 不仅 而是 一起 之后 之前 期间 其间'
  ).split(' '),
);
