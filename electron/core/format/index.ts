export { displayWidth, codePointWidth, ellipsis } from './width';
export { formatTable, tabwrite } from './tabwriter';
export type { TabwriterOptions } from './tabwriter';
export { humanSize, bytesSize, humanDuration, createdSince } from './units';
export { formatFloat } from './gofloat';
export type { FloatVerb } from './gofloat';
export {
  parseTemplate, executeTemplate, executeHeaderTemplate, renderTemplate, renderInspect, TEMPLATE_ERROR_PREFIX,
} from './template/index';
export type { Template, ExecOptions } from './template/index';
export { formatList, resolveFormat } from './table';
export type { FormatListOptions } from './table';
