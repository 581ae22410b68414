/**
 * A contact phone of an account: a mainland mobile number (1[3-9] and nine digits) or a landline
 * with its area code (0358-7221234 or 03587221234), optionally with an extension (-8012, 转8012,
 * #8012). Pure: the web form checks the same pattern before sending.
 */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:(?:-|转|#)\d{1,6})?)$/;

export const PHONE_MESSAGE =
  '请填写正确的手机号码（11 位）或带区号的固定电话，如 0358-7221234，分机可写作 -8012';
